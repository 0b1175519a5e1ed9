import pg from 'pg';
import { describe, expect, it } from 'vitest';
import {
	agendaVersionStoreContract,
	seedAgendas,
	versionFixture
} from '../contract/agendaVersionStoreContract';
import { pgInstances } from '../helpers/pgInstances';
import { pgStoresForFile } from '../helpers/pgStores';

const pgStores = pgStoresForFile();

agendaVersionStoreContract('PostgreSQL', pgStores.open);

describe('PostgreSQL agenda_versions', () => {
	it('V3 refuses UPDATE, DELETE and TRUNCATE, and a version of an unknown agenda or author', async () => {
		const { url, instances, close } = await pgInstances(await pgStores.server(), 1);
		const s = instances[0]!;
		try {
			await seedAgendas(s);
			await s.agendaVersions.add(versionFixture(), 5);
			await expect(s.agendaVersions.add(versionFixture({ agendaId: 'nope' }), 5)).rejects.toThrow(
				/foreign key/
			);
			await expect(s.agendaVersions.add(versionFixture({ authorId: 'nobody' }), 5)).rejects.toThrow(
				/foreign key/
			);
		} finally {
			await close();
		}
		const db = new pg.Client({ connectionString: url });
		await db.connect();
		try {
			for (const sql of [
				"UPDATE agenda_versions SET name = 'x'",
				"UPDATE agenda_versions SET state = '\\x00'::bytea",
				'DELETE FROM agenda_versions',
				'TRUNCATE agenda_versions'
			]) {
				await expect(db.query(sql), sql).rejects.toThrow(/append-only/);
			}
			expect((await db.query('SELECT COUNT(*)::int AS n FROM agenda_versions')).rows).toEqual([
				{ n: 1 }
			]);
		} finally {
			await db.end();
		}
	});

	it('V2 at most `cap` versions per agenda and kind when saves race from two instances', async () => {
		const { instances, close } = await pgInstances(await pgStores.server(), 2);
		try {
			await seedAgendas(instances[0]!);
			const results = await Promise.all(
				Array.from({ length: 10 }, (_, i) =>
					instances[i % 2]!.agendaVersions.add(versionFixture({ name: `v${i}` }), 3)
				)
			);
			expect(results.filter((r) => r !== null)).toHaveLength(3);
			expect(await instances[1]!.agendaVersions.list('ag1')).toHaveLength(3);
		} finally {
			await close();
		}
	});
});
