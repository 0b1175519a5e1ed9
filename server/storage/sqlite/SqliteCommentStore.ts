import type { CommentRecord, CommentStore } from '../CommentStore';
import type { SqliteDatabase } from './SqliteDatabase';

interface Row {
	id: string;
	meeting_id: string;
	agenda_id: string;
	item_id: string | null;
	anchor_start: string | null;
	anchor_end: string | null;
	quote: string | null;
	parent_id: string | null;
	author_id: string;
	client_key: string;
	body: string;
	mentions: string;
	created_at: number;
	edited_at: number | null;
	deleted_at: number | null;
	resolved_at: number | null;
	resolved_by: string | null;
	hidden_at: number | null;
	hidden_by: string | null;
	hidden_reason: string | null;
}

function mentionsOf(text: string): string[] {
	try {
		const v = JSON.parse(text) as unknown;
		return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];
	} catch {
		return [];
	}
}

const toComment = (r: Row): CommentRecord => ({
	id: r.id,
	meetingId: r.meeting_id,
	agendaId: r.agenda_id,
	itemId: r.item_id,
	anchorStart: r.anchor_start,
	anchorEnd: r.anchor_end,
	quote: r.quote,
	parentId: r.parent_id,
	authorId: r.author_id,
	clientKey: r.client_key,
	body: r.body,
	mentions: mentionsOf(r.mentions),
	createdAt: r.created_at,
	editedAt: r.edited_at,
	deletedAt: r.deleted_at,
	resolvedAt: r.resolved_at,
	resolvedBy: r.resolved_by,
	hiddenAt: r.hidden_at,
	hiddenBy: r.hidden_by,
	hiddenReason: r.hidden_reason
});

export class SqliteCommentStore implements CommentStore {
	constructor(private readonly sql: SqliteDatabase) {}

	async add(c: CommentRecord) {
		const { changes } = await this.sql.write(() =>
			this.sql.db
				.prepare(
					`INSERT OR IGNORE INTO meeting_comments (id, meeting_id, agenda_id, item_id,
					 anchor_start, anchor_end, quote, parent_id, author_id, client_key, body, mentions,
					 created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`
				)
				.run(
					c.id,
					c.meetingId,
					c.agendaId,
					c.itemId,
					c.anchorStart,
					c.anchorEnd,
					c.quote,
					c.parentId,
					c.authorId,
					c.clientKey,
					c.body,
					JSON.stringify(c.mentions),
					c.createdAt
				)
		);
		return { comment: (await this.byKey(c.authorId, c.clientKey))!, created: changes === 1 };
	}

	async byKey(authorId: string, clientKey: string) {
		const r = this.sql.db
			.prepare('SELECT * FROM meeting_comments WHERE author_id = ? AND client_key = ?')
			.get(authorId, clientKey) as Row | undefined;
		return r ? toComment(r) : null;
	}

	async get(id: string) {
		const r = this.sql.db.prepare('SELECT * FROM meeting_comments WHERE id = ?').get(id) as
			Row | undefined;
		return r ? toComment(r) : null;
	}

	async ofMeeting(meetingId: string) {
		return (
			this.sql.db
				.prepare('SELECT * FROM meeting_comments WHERE meeting_id = ? ORDER BY created_at, id')
				.all(meetingId) as Row[]
		).map(toComment);
	}

	async edit(id: string, authorId: string, body: string, mentions: string[], at: number) {
		const r = await this.sql.write(() =>
			this.sql.db
				.prepare(
					`UPDATE meeting_comments SET body = ?, mentions = ?, edited_at = ?
					 WHERE id = ? AND author_id = ? AND deleted_at IS NULL AND hidden_at IS NULL`
				)
				.run(body, JSON.stringify(mentions), at, id, authorId)
		);
		return r.changes === 1;
	}

	async remove(id: string, authorId: string, at: number) {
		const r = await this.sql.write(() =>
			this.sql.db
				.prepare(
					`UPDATE meeting_comments SET deleted_at = ?
					 WHERE id = ? AND author_id = ? AND deleted_at IS NULL`
				)
				.run(at, id, authorId)
		);
		return r.changes === 1;
	}

	async resolve(id: string, by: { userId: string; at: number } | null) {
		const r = await this.sql.write(() =>
			this.sql.db
				.prepare(
					`UPDATE meeting_comments SET resolved_at = ?, resolved_by = ?
					 WHERE id = ? AND deleted_at IS NULL`
				)
				.run(by?.at ?? null, by?.userId ?? null, id)
		);
		return r.changes === 1;
	}

	async hide(id: string, by: string, reason: string, at: number) {
		const r = await this.sql.write(() =>
			this.sql.db
				.prepare(
					`UPDATE meeting_comments SET hidden_at = ?, hidden_by = ?, hidden_reason = ?
					 WHERE id = ? AND hidden_at IS NULL`
				)
				.run(at, by, reason, id)
		);
		return r.changes === 1;
	}
}
