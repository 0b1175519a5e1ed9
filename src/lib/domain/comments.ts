import type { MeetingState } from './meetings';

/**
 * Comments on a meeting's agenda (issue 6): server rows owned by their author, anchored to an
 * agenda item (by its id) and/or to a passage (two Yjs relative positions, so the highlight follows
 * the text while the agenda is edited). Who may do what is COMMENT_POLICY in policy.ts; what the
 * meeting's state allows is here. Everything a client sends is checked against these limits on
 * the server; the page uses the same numbers so it never sends what will be refused.
 */

/** Comments are taken while the meeting is announced or running; before and after, read only. */
export const COMMENTABLE: readonly MeetingState[] = ['published', 'in_session'];

export const MAX_COMMENT_BODY = 1000;
/**
 * New comments and edits one person may send: 20 at once (a phone's offline backlog), then 20 a
 * minute. Past it the server answers 429 and the outbox tries again later; nothing is dropped.
 */
export const COMMENT_WRITES = { perMinute: 20, burst: 20 } as const;
/** The quoted passage is the commenter's selection, shown beside the comment: kept short. */
export const MAX_QUOTE = 200;
/** An encoded relative position is a handful of bytes (client id, clock, assoc, or a type name). */
export const MAX_ANCHOR_BYTES = 96;
export const MAX_MENTIONS = 10;
export const MAX_HIDE_REASON = 200;

/** Comment ids are server-made. */
export const COMMENT_ID_PATTERN =
	/^cm-[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
/** The client's key for one comment (made when it was written, kept through retries). */
export const CLIENT_KEY_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

export function isCommentId(value: unknown): value is string {
	return typeof value === 'string' && COMMENT_ID_PATTERN.test(value);
}

/** A passage: where it starts and ends, each `Y.encodeRelativePosition` in base64. */
export interface CommentAnchor {
	start: string;
	end: string;
}

/** One comment as one viewer receives it (the server shapes it per viewer). */
export interface CommentView {
	id: string;
	agendaId: string;
	parentId: string | null;
	itemId: string | null;
	anchor: CommentAnchor | null;
	quote: string | null;
	authorId: string;
	authorName: string;
	/** Empty once deleted (and for a hidden comment, except for the secretary). */
	body: string;
	mentions: { id: string; name: string }[];
	createdAt: number;
	editedAt: number | null;
	deleted: boolean;
	resolved: { at: number; byName: string } | null;
	/** Only the secretary ever receives a hidden comment: marked, with the reason. */
	hidden: { at: number; byName: string; reason: string } | null;
	/** The viewer wrote it: the outbox matches its pending comments by this key. */
	clientKey: string | null;
}

/** What the viewer may do with the comments of this meeting right now. */
export interface CommentPowers {
	userId: string;
	post: boolean;
	resolveAny: boolean;
	hide: boolean;
}

/** The whole picture a reader starts from (GET, and the stream's first event). */
export interface CommentSnapshot {
	comments: CommentView[];
	me: CommentPowers;
	/** Committee members (and the secretary) a comment may @mention; empty for non-posters. */
	mentionable: { id: string; name: string }[];
}

/** What the stream sends after the snapshot. */
export type CommentFeedEvent =
	| { type: 'snapshot'; data: CommentSnapshot }
	| { type: 'comment'; data: CommentView }
	| { type: 'remove'; data: { id: string } };

/** Standard base64 (what `btoa` makes) of at most `max` decoded bytes. */
export function isBoundedBase64(value: unknown, max: number): value is string {
	return (
		typeof value === 'string' &&
		value.length > 0 &&
		value.length <= Math.ceil(max / 3) * 4 &&
		/^[A-Za-z0-9+/]+={0,2}$/.test(value) &&
		value.length % 4 === 0
	);
}

/** Characters as people count them (code points), for the limits above. */
export const lengthOf = (text: string) => [...text].length;
