import type { CommentRecord, CommentStore } from '../CommentStore';
import type { PgDatabase } from './PgDatabase';

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

/**
 * Comments on PostgreSQL. Every write is one statement: the add is an INSERT … ON CONFLICT DO
 * NOTHING on (author, client key), so the same offline comment sent to two instances at once is
 * stored once (the second insert waits for the first to commit, then reads the row it made);
 * the changes are UPDATEs whose WHERE is the rule they check.
 */
export class PgCommentStore implements CommentStore {
	constructor(private readonly db: PgDatabase) {}

	async add(c: CommentRecord) {
		const inserted = await this.db.run(
			`INSERT INTO meeting_comments (id, meeting_id, agenda_id, item_id, anchor_start,
			 anchor_end, quote, parent_id, author_id, client_key, body, mentions, created_at)
			 VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13) ON CONFLICT DO NOTHING`,
			[
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
			]
		);
		return { comment: (await this.byKey(c.authorId, c.clientKey))!, created: inserted === 1 };
	}

	async byKey(authorId: string, clientKey: string) {
		const r = await this.db.one<Row>(
			'SELECT * FROM meeting_comments WHERE author_id = $1 AND client_key = $2',
			[authorId, clientKey]
		);
		return r ? toComment(r) : null;
	}

	async get(id: string) {
		const r = await this.db.one<Row>('SELECT * FROM meeting_comments WHERE id = $1', [id]);
		return r ? toComment(r) : null;
	}

	async ofMeeting(meetingId: string) {
		const rows = await this.db.query<Row>(
			'SELECT * FROM meeting_comments WHERE meeting_id = $1 ORDER BY created_at, id',
			[meetingId]
		);
		return rows.map(toComment);
	}

	async edit(id: string, authorId: string, body: string, mentions: string[], at: number) {
		const changed = await this.db.run(
			`UPDATE meeting_comments SET body = $1, mentions = $2, edited_at = $3
			 WHERE id = $4 AND author_id = $5 AND deleted_at IS NULL AND hidden_at IS NULL`,
			[body, JSON.stringify(mentions), at, id, authorId]
		);
		return changed === 1;
	}

	async remove(id: string, authorId: string, at: number) {
		const changed = await this.db.run(
			`UPDATE meeting_comments SET deleted_at = $1
			 WHERE id = $2 AND author_id = $3 AND deleted_at IS NULL`,
			[at, id, authorId]
		);
		return changed === 1;
	}

	async resolve(id: string, by: { userId: string; at: number } | null) {
		const changed = await this.db.run(
			`UPDATE meeting_comments SET resolved_at = $1, resolved_by = $2
			 WHERE id = $3 AND deleted_at IS NULL`,
			[by?.at ?? null, by?.userId ?? null, id]
		);
		return changed === 1;
	}

	async hide(id: string, by: string, reason: string, at: number) {
		const changed = await this.db.run(
			`UPDATE meeting_comments SET hidden_at = $1, hidden_by = $2, hidden_reason = $3
			 WHERE id = $4 AND hidden_at IS NULL`,
			[at, by, reason, id]
		);
		return changed === 1;
	}
}
