import type { VersionKind } from '../../../src/lib/domain/agendaVersions';
import type { AgendaVersion, AgendaVersionStore } from '../AgendaVersionStore';
import { bytes, type PgDatabase } from './PgDatabase';

interface Row {
	id: number;
	agenda_id: string;
	name: string;
	kind: VersionKind;
	author_id: string;
	created_at: number;
	state?: Buffer;
}

const info = (r: Row) => ({
	id: r.id,
	agendaId: r.agenda_id,
	name: r.name,
	kind: r.kind,
	authorId: r.author_id,
	createdAt: r.created_at
});

export class PgAgendaVersionStore implements AgendaVersionStore {
	constructor(private readonly db: PgDatabase) {}

	async add(v: Omit<AgendaVersion, 'id'>, cap: number) {
		// Count, check, insert inside the serialised transaction: a single INSERT … SELECT with the
		// count would let two instances' saves both see room under READ COMMITTED.
		return this.db.transaction(async () => {
			const counted = await this.db.one<{ n: number }>(
				'SELECT COUNT(*) AS n FROM agenda_versions WHERE agenda_id = $1 AND kind = $2',
				[v.agendaId, v.kind]
			);
			if ((counted?.n ?? 0) >= cap) return null;
			const r = await this.db.one<{ id: number }>(
				`INSERT INTO agenda_versions (agenda_id, name, kind, author_id, created_at, state)
				 VALUES ($1, $2, $3, $4, $5, $6) RETURNING id`,
				[v.agendaId, v.name, v.kind, v.authorId, v.createdAt, v.state]
			);
			return r!.id;
		});
	}

	async list(agendaId: string) {
		const rows = await this.db.query<Row>(
			`SELECT id, agenda_id, name, kind, author_id, created_at FROM agenda_versions
			 WHERE agenda_id = $1 ORDER BY id DESC`,
			[agendaId]
		);
		return rows.map(info);
	}

	async get(agendaId: string, id: number) {
		// An id past BIGINT would be an error in PostgreSQL; in SQLite it is simply no row.
		if (!Number.isSafeInteger(id)) return null;
		const r = await this.db.one<Row>(
			'SELECT * FROM agenda_versions WHERE agenda_id = $1 AND id = $2',
			[agendaId, id]
		);
		if (!r?.state) return null;
		return { ...info(r), state: bytes(r.state) };
	}
}
