/**
 * A comment on a meeting's agenda as the server keeps it. Author, meeting and time are the
 * server's; the anchor and the quote are what the commenter selected (checked, never trusted).
 */
export interface CommentRecord {
	id: string;
	meetingId: string;
	/** The agenda revision the comment was written on (its anchor is only valid there). */
	agendaId: string;
	itemId: string | null;
	/** Yjs relative positions, base64, both or neither. */
	anchorStart: string | null;
	anchorEnd: string | null;
	quote: string | null;
	parentId: string | null;
	authorId: string;
	/** The author's device-made key: one comment per (author, key). */
	clientKey: string;
	body: string;
	/** Mentioned user ids, each checked to be a committee member of the community. */
	mentions: string[];
	createdAt: number;
	editedAt: number | null;
	deletedAt: number | null;
	resolvedAt: number | null;
	resolvedBy: string | null;
	hiddenAt: number | null;
	hiddenBy: string | null;
	hiddenReason: string | null;
}

export interface CommentStore {
	/**
	 * Stores a new comment, or returns the one this author already stored under the same client
	 * key (`created: false`): an offline comment sent twice is kept once.
	 */
	add(comment: CommentRecord): Promise<{ comment: CommentRecord; created: boolean }>;
	get(id: string): Promise<CommentRecord | null>;
	/** The comment this author stored under this client key, if any. */
	byKey(authorId: string, clientKey: string): Promise<CommentRecord | null>;
	/** Every comment of a meeting, oldest first, deleted and hidden ones included. */
	ofMeeting(meetingId: string): Promise<CommentRecord[]>;
	/** The author's new text; false unless it is theirs and neither deleted nor hidden. */
	edit(
		id: string,
		authorId: string,
		body: string,
		mentions: string[],
		at: number
	): Promise<boolean>;
	/** The author's deletion (a time on the row); false unless theirs and not yet deleted. */
	remove(id: string, authorId: string, at: number): Promise<boolean>;
	/** Resolves (by someone, at a time) or reopens (null) a comment that is not deleted. */
	resolve(id: string, by: { userId: string; at: number } | null): Promise<boolean>;
	/** Hides once, with the reason; false if already hidden. */
	hide(id: string, by: string, reason: string, at: number): Promise<boolean>;
}
