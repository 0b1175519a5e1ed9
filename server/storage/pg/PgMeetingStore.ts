import type { MeetingState } from '../../../src/lib/domain/meetings';
import type {
	AgendaRevision,
	MeetingDetails,
	MeetingMove,
	MeetingRecord,
	MeetingSignature,
	MeetingStore
} from '../MeetingStore';
import type { PgDatabase } from './PgDatabase';
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

type MoveBy = { reason: string | null; authorId: string; at: number };

const INSERT_MOVE = `INSERT INTO meeting_moves (meeting_id, from_state, to_state, reason, author_id, at)
	VALUES ($1, $2, $3, $4, $5, $6)`;

/**
 * The meeting store on PostgreSQL. A move is one statement (the compare-and-set UPDATE and the
 * move's INSERT in one CTE), so two instances racing it move the state once: the second UPDATE
 * waits for the first's row lock, then finds the state changed and writes nothing. Creation and
 * correction write several rows after a check, inside the serialised `db.transaction`.
 */
export class PgMeetingStore implements MeetingStore {
	constructor(private readonly db: PgDatabase) {}

	async create(m: MeetingRecord) {
		await this.db.transaction(async () => {
			await this.db.run(
				`INSERT INTO meetings (id, community_id, title, starts_at, place, committees,
				 other_parties, state, agenda_id, created_by, created_at, updated_at)
				 VALUES ($1, $2, $3, $4, $5, $6, $7, 'draft', $8, $9, $10, $11)`,
				[
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
				]
			);
			await this.db.run(
				`INSERT INTO agenda_revisions (meeting_id, revision, agenda_id, based_on, reason,
				 created_by, created_at) VALUES ($1, 1, $2, NULL, NULL, $3, $4)`,
				[m.id, m.agendaId, m.createdBy, m.createdAt]
			);
			await this.db.run(INSERT_MOVE, [m.id, null, 'draft', null, m.createdBy, m.createdAt]);
		});
	}

	async get(id: string) {
		const r = await this.db.one<MeetingRow>('SELECT * FROM meetings WHERE id = $1', [id]);
		return r ? toMeeting(r) : null;
	}

	async inCommunity(communityId: string) {
		const rows = await this.db.query<MeetingRow>(
			'SELECT * FROM meetings WHERE community_id = $1 ORDER BY starts_at DESC, id',
			[communityId]
		);
		return rows.map(toMeeting);
	}

	async byAgenda(agendaId: string) {
		const r = await this.db.one<MeetingRow & { rev: number }>(
			`SELECT m.*, r.revision AS rev FROM agenda_revisions r
			 JOIN meetings m ON m.id = r.meeting_id WHERE r.agenda_id = $1`,
			[agendaId]
		);
		return r ? { meeting: toMeeting(r), revision: r.rev } : null;
	}

	async edit(id: string, d: MeetingDetails, states: readonly MeetingState[], at: number) {
		if (states.length === 0) return false;
		const marks = states.map((_, i) => `$${i + 8}`).join(',');
		const changed = await this.db.run(
			`UPDATE meetings SET title = $1, starts_at = $2, place = $3, committees = $4,
			 other_parties = $5, updated_at = $6 WHERE id = $7 AND state IN (${marks})`,
			[
				d.title,
				d.startsAt,
				d.place,
				JSON.stringify(d.committees),
				JSON.stringify(d.otherParties),
				at,
				id,
				...states
			]
		);
		return changed === 1;
	}

	async move(id: string, from: MeetingState, to: MeetingState, by: MoveBy) {
		const recorded = await this.db.run(
			`WITH moved AS (
				UPDATE meetings SET state = $3, updated_at = $6 WHERE id = $1 AND state = $2 RETURNING id
			)
			INSERT INTO meeting_moves (meeting_id, from_state, to_state, reason, author_id, at)
			SELECT id, $2, $3, $4, $5, $6 FROM moved`,
			[id, from, to, by.reason, by.authorId, by.at]
		);
		return recorded === 1;
	}

	async moves(id: string): Promise<MeetingMove[]> {
		const rows = await this.db.query<MoveRow>(
			'SELECT * FROM meeting_moves WHERE meeting_id = $1 ORDER BY id',
			[id]
		);
		return rows.map(toMove);
	}

	async correct(rev: AgendaRevision, by: { reason: string; at: number }) {
		return this.db.transaction(async () => {
			const taken = await this.db.one(
				'SELECT 1 FROM agenda_revisions WHERE meeting_id = $1 AND revision = $2',
				[rev.meetingId, rev.revision]
			);
			if (taken) return false;
			// Compare-and-set, so a move made outside any transaction meanwhile is not overwritten.
			const changed = await this.db.run(
				`UPDATE meetings SET state = 'correcting', agenda_id = $1, updated_at = $2
				 WHERE id = $3 AND state = 'minuted'`,
				[rev.agendaId, by.at, rev.meetingId]
			);
			if (changed !== 1) return false;
			await this.db.run(
				`INSERT INTO agenda_revisions (meeting_id, revision, agenda_id, based_on, reason,
				 created_by, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7)`,
				[
					rev.meetingId,
					rev.revision,
					rev.agendaId,
					rev.basedOn,
					rev.reason,
					rev.createdBy,
					rev.createdAt
				]
			);
			await this.db.run(INSERT_MOVE, [
				rev.meetingId,
				'minuted',
				'correcting',
				by.reason,
				rev.createdBy,
				by.at
			]);
			return true;
		});
	}

	async revisions(id: string) {
		const rows = await this.db.query<RevisionRow>(
			'SELECT * FROM agenda_revisions WHERE meeting_id = $1 ORDER BY revision',
			[id]
		);
		return rows.map(toRevision);
	}

	async sign(s: Omit<MeetingSignature, 'id' | 'withdrawnAt'>) {
		// The partial unique index refuses a second standing signature; DO NOTHING makes that a
		// `null` answer, also when two signings race (the second waits for the first to commit).
		const r = await this.db.one<{ id: number }>(
			`INSERT INTO meeting_signatures (meeting_id, revision, committee, item_id, signer_id,
			 signed_at) VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT DO NOTHING RETURNING id`,
			[s.meetingId, s.revision, s.committee, s.itemId, s.signerId, s.signedAt]
		);
		return r?.id ?? null;
	}

	async withdraw(meetingId: string, signatureId: number, signerId: string, at: number) {
		// An id past BIGINT would be an error in PostgreSQL; in SQLite it is simply no row.
		if (!Number.isSafeInteger(signatureId)) return false;
		const changed = await this.db.run(
			`UPDATE meeting_signatures SET withdrawn_at = $1
			 WHERE id = $2 AND meeting_id = $3 AND signer_id = $4 AND withdrawn_at IS NULL`,
			[at, signatureId, meetingId, signerId]
		);
		return changed === 1;
	}

	async signatures(id: string) {
		const rows = await this.db.query<SignatureRow>(
			'SELECT * FROM meeting_signatures WHERE meeting_id = $1 ORDER BY id',
			[id]
		);
		return rows.map(toSignature);
	}
}
