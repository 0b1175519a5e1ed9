import type { MeetingState } from '../../../src/lib/domain/meetings';
import type {
	AgendaRevision,
	MeetingDetails,
	MeetingMove,
	MeetingRecord,
	MeetingSignature,
	MeetingStore
} from '../MeetingStore';
import type { SqliteDatabase } from './SqliteDatabase';
import {
	type MeetingRow,
	type MoveRow,
	type RevisionRow,
	type SignatureRow,
	toMeeting,
	toMove,
	toRevision,
	toSignature
} from '../rows/meetingRows';

export class SqliteMeetingStore implements MeetingStore {
	constructor(private readonly sql: SqliteDatabase) {}

	async create(m: MeetingRecord) {
		await this.sql.transaction(async () => {
			this.sql.db
				.prepare(
					`INSERT INTO meetings (id, community_id, title, starts_at, place, committees,
					 other_parties, state, agenda_id, created_by, created_at, updated_at)
					 VALUES (?, ?, ?, ?, ?, ?, ?, 'draft', ?, ?, ?, ?)`
				)
				.run(
					m.id,
					m.communityId,
					m.title,
					m.startsAt,
					m.place,
					JSON.stringify(m.committees),
					JSON.stringify(m.otherParties),
					m.agendaId,
					m.createdBy,
					m.createdAt,
					m.updatedAt
				);
			this.sql.db
				.prepare(
					`INSERT INTO agenda_revisions (meeting_id, revision, agenda_id, based_on, reason,
					 created_by, created_at) VALUES (?, 1, ?, NULL, NULL, ?, ?)`
				)
				.run(m.id, m.agendaId, m.createdBy, m.createdAt);
			this.sql.db
				.prepare(
					`INSERT INTO meeting_moves (meeting_id, from_state, to_state, reason, author_id, at)
					 VALUES (?, NULL, 'draft', NULL, ?, ?)`
				)
				.run(m.id, m.createdBy, m.createdAt);
		});
	}

	async get(id: string) {
		const r = this.sql.db.prepare('SELECT * FROM meetings WHERE id = ?').get(id) as
			MeetingRow | undefined;
		return r ? toMeeting(r) : null;
	}

	async inCommunity(communityId: string) {
		const rows = this.sql.db
			.prepare('SELECT * FROM meetings WHERE community_id = ? ORDER BY starts_at DESC, id')
			.all(communityId) as MeetingRow[];
		return rows.map(toMeeting);
	}

	async byAgenda(agendaId: string) {
		const r = this.sql
			.prepare(
				`SELECT m.*, r.revision AS rev FROM agenda_revisions r
				 JOIN meetings m ON m.id = r.meeting_id WHERE r.agenda_id = ?`
			)
			.get(agendaId) as (MeetingRow & { rev: number }) | undefined;
		return r ? { meeting: toMeeting(r), revision: r.rev } : null;
	}

	async edit(id: string, d: MeetingDetails, states: readonly MeetingState[], at: number) {
		if (states.length === 0) return false;
		const marks = states.map(() => '?').join(',');
		const r = await this.sql.write(() =>
			this.sql.db
				.prepare(
					`UPDATE meetings SET title = ?, starts_at = ?, place = ?, committees = ?,
					 other_parties = ?, updated_at = ? WHERE id = ? AND state IN (${marks})`
				)
				.run(
					d.title,
					d.startsAt,
					d.place,
					JSON.stringify(d.committees),
					JSON.stringify(d.otherParties),
					at,
					id,
					...states
				)
		);
		return r.changes === 1;
	}

	async move(
		id: string,
		from: MeetingState,
		to: MeetingState,
		by: { reason: string | null; authorId: string; at: number }
	) {
		return this.sql.transaction(async () => {
			const r = this.sql.db
				.prepare('UPDATE meetings SET state = ?, updated_at = ? WHERE id = ? AND state = ?')
				.run(to, by.at, id, from);
			if (r.changes !== 1) return false;
			this.#recordMove(id, from, to, by);
			return true;
		});
	}

	#recordMove(
		id: string,
		from: MeetingState,
		to: MeetingState,
		by: { reason: string | null; authorId: string; at: number }
	) {
		this.sql.db
			.prepare(
				`INSERT INTO meeting_moves (meeting_id, from_state, to_state, reason, author_id, at)
				 VALUES (?, ?, ?, ?, ?, ?)`
			)
			.run(id, from, to, by.reason, by.authorId, by.at);
	}

	async moves(id: string): Promise<MeetingMove[]> {
		const rows = this.sql.db
			.prepare('SELECT * FROM meeting_moves WHERE meeting_id = ? ORDER BY id')
			.all(id) as MoveRow[];
		return rows.map(toMove);
	}

	async correct(rev: AgendaRevision, by: { reason: string; at: number }) {
		return this.sql.transaction(async () => {
			const taken = this.sql.db
				.prepare('SELECT 1 FROM agenda_revisions WHERE meeting_id = ? AND revision = ?')
				.get(rev.meetingId, rev.revision);
			if (taken) return false;
			const r = this.sql.db
				.prepare(
					`UPDATE meetings SET state = 'correcting', agenda_id = ?, updated_at = ?
					 WHERE id = ? AND state = 'minuted'`
				)
				.run(rev.agendaId, by.at, rev.meetingId);
			if (r.changes !== 1) return false;
			this.sql.db
				.prepare(
					`INSERT INTO agenda_revisions (meeting_id, revision, agenda_id, based_on, reason,
					 created_by, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)`
				)
				.run(
					rev.meetingId,
					rev.revision,
					rev.agendaId,
					rev.basedOn,
					rev.reason,
					rev.createdBy,
					rev.createdAt
				);
			this.#recordMove(rev.meetingId, 'minuted', 'correcting', {
				reason: by.reason,
				authorId: rev.createdBy,
				at: by.at
			});
			return true;
		});
	}

	async revisions(id: string) {
		const rows = this.sql.db
			.prepare('SELECT * FROM agenda_revisions WHERE meeting_id = ? ORDER BY revision')
			.all(id) as RevisionRow[];
		return rows.map(toRevision);
	}

	async sign(s: Omit<MeetingSignature, 'id' | 'withdrawnAt'>) {
		const r = await this.sql.write(() =>
			this.sql.db
				.prepare(
					// The partial unique index refuses a second standing signature; OR IGNORE makes that
					// a `null` answer rather than an exception.
					`INSERT OR IGNORE INTO meeting_signatures (meeting_id, revision, committee, item_id,
					 signer_id, signed_at) VALUES (?, ?, ?, ?, ?, ?)`
				)
				.run(s.meetingId, s.revision, s.committee, s.itemId, s.signerId, s.signedAt)
		);
		return r.changes === 1 ? Number(r.lastInsertRowid) : null;
	}

	async withdraw(meetingId: string, signatureId: number, signerId: string, at: number) {
		const r = await this.sql.write(() =>
			this.sql.db
				.prepare(
					`UPDATE meeting_signatures SET withdrawn_at = ?
					 WHERE id = ? AND meeting_id = ? AND signer_id = ? AND withdrawn_at IS NULL`
				)
				.run(at, signatureId, meetingId, signerId)
		);
		return r.changes === 1;
	}

	async signatures(id: string) {
		const rows = this.sql.db
			.prepare('SELECT * FROM meeting_signatures WHERE meeting_id = ? ORDER BY id')
			.all(id) as SignatureRow[];
		return rows.map(toSignature);
	}
}
