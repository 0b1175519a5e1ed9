import { describe, expect, it } from 'vitest';
import type { AgendaVersion } from '../../server/storage/AgendaVersionStore';
import type { Stores } from '../../server/storage/Stores';

export async function seedAgendas(s: Stores) {
	await s.org.addUnit({ id: 'c', parentId: null, kind: 'community', name: 'c', nameEn: 'c' });
	await s.users.create({ id: 'u1', username: 'u1', displayName: 'u1', passwordHash: 'x' });
	for (const id of ['ag1', 'ag2']) {
		await s.documents.register({
			id,
			kind: 'agenda',
			communityId: 'c',
			title: id,
			schemaVersion: 1,
			createdBy: 'u1'
		});
	}
}

export function versionFixture(over: Partial<AgendaVersion> = {}): Omit<AgendaVersion, 'id'> {
	return {
		agendaId: 'ag1',
		name: '会前定稿',
		kind: 'named',
		authorId: 'u1',
		createdAt: 1000,
		state: new Uint8Array([1, 2, 3, 0, 255]),
		...over
	};
}

/** The contract of the agenda version store. Rule ids refer to SPEC.md ("Agenda versions"). */
export function agendaVersionStoreContract(name: string, open: () => Promise<Stores>) {
	describe(`AgendaVersionStore contract: ${name}`, () => {
		it('V1 a version reads back whole by its agenda; lists newest first without the bytes', async () => {
			const s = await open();
			try {
				await seedAgendas(s);
				const a = (await s.agendaVersions.add(versionFixture(), 5))!;
				const b = (await s.agendaVersions.add(
					versionFixture({ name: '会中', createdAt: 2000 }),
					5
				))!;
				expect(b).toBeGreaterThan(a);
				const got = (await s.agendaVersions.get('ag1', a))!;
				expect(got).toMatchObject({
					id: a,
					agendaId: 'ag1',
					name: '会前定稿',
					kind: 'named',
					authorId: 'u1',
					createdAt: 1000
				});
				expect([...got.state]).toEqual([1, 2, 3, 0, 255]);
				expect(await s.agendaVersions.get('ag2', a)).toBeNull();
				expect(await s.agendaVersions.get('ag1', 999_999)).toBeNull();
				const list = await s.agendaVersions.list('ag1');
				expect(list.map((v) => v.name)).toEqual(['会中', '会前定稿']);
				expect(list[0]).not.toHaveProperty('state');
				expect(await s.agendaVersions.list('ag2')).toEqual([]);
			} finally {
				await s.close();
			}
		});

		it('V2 at most `cap` versions per agenda and kind, also when saves race', async () => {
			const s = await open();
			try {
				await seedAgendas(s);
				const results = await Promise.all(
					Array.from({ length: 6 }, (_, i) =>
						s.agendaVersions.add(versionFixture({ name: `v${i}` }), 3)
					)
				);
				expect(results.filter((r) => r !== null)).toHaveLength(3);
				expect(await s.agendaVersions.list('ag1')).toHaveLength(3);
				// Another kind and another agenda count separately.
				expect(
					await s.agendaVersions.add(versionFixture({ kind: 'before_restore' }), 3)
				).not.toBeNull();
				expect(await s.agendaVersions.add(versionFixture({ agendaId: 'ag2' }), 3)).not.toBeNull();
			} finally {
				await s.close();
			}
		});
	});
}
