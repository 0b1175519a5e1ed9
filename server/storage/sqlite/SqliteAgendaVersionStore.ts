import type { VersionKind } from '../../../src/lib/domain/agendaVersions';
import type { AgendaVersion, AgendaVersionStore } from '../AgendaVersionStore';
import type { SqliteDatabase } from './SqliteDatabase';

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

export class SqliteAgendaVersionStore implements AgendaVersionStore {
	constructor(private readonly sql: SqliteDatabase) {}

	async add(v: Omit<AgendaVersion, 'id'>, cap: number) {
		return this.sql.transaction(async () => {
			const { n } = this.sql.db
				.prepare('SELECT COUNT(*) AS n FROM agenda_versions WHERE agenda_id = ? AND kind = ?')
				.get(v.agendaId, v.kind) as { n: number };
			if (n >= cap) return null;
			const r = this.sql.db
				.prepare(
					`INSERT INTO agenda_versions (agenda_id, name, kind, author_id, created_at, state)
					 VALUES (?, ?, ?, ?, ?, ?)`
				)
				.run(v.agendaId, v.name, v.kind, v.authorId, v.createdAt, v.state);
			return Number(r.lastInsertRowid);
		});
	}

	async list(agendaId: string) {
		const rows = this.sql.db
			.prepare(
				`SELECT id, agenda_id, name, kind, author_id, created_at FROM agenda_versions
				 WHERE agenda_id = ? ORDER BY id DESC`
			)
			.all(agendaId) as Row[];
		return rows.map(info);
	}

	async get(agendaId: string, id: number) {
		const r = this.sql.db
			.prepare('SELECT * FROM agenda_versions WHERE agenda_id = ? AND id = ?')
			.get(agendaId, id) as Row | undefined;
		if (!r?.state) return null;
		const s = r.state;
		return { ...info(r), state: new Uint8Array(s.buffer, s.byteOffset, s.byteLength) };
	}
}
