import { describe, expect, it } from 'vitest';
import type { ProjectRecord } from '../../server/storage/ProjectStore';
import type { Stores } from '../../server/storage/Stores';
import { pledgeSnapshot } from '../../src/lib/domain/projects';

async function seed(s: Stores) {
	await s.org.addUnit({ id: 'c', parentId: null, kind: 'community', name: 'c', nameEn: 'c' });
	await s.users.create({ id: 'u1', username: 'u1', displayName: 'u1', passwordHash: 'x' });
	for (const id of ['b1', 'b2']) {
		await s.documents.register({
			id,
			kind: 'board',
			communityId: 'c',
			title: id,
			schemaVersion: 2,
			createdBy: 'u1'
		});
	}
}

export function projectFixture(over: Partial<ProjectRecord> = {}): ProjectRecord {
	return {
		boardId: 'b1',
		communityId: 'c',
		level: 'community',
		unitId: 'c',
		category: 'livelihood',
		stage: 'topic',
		createdBy: 'u1',
		createdAt: 1000,
		updatedAt: 1000,
		...over
	};
}

const pledge = (deadline: string) =>
	pledgeSnapshot({ goal: 'g', measures: 'm', responsible: ['r'], deadline });

/** The contract of the project store. Rule ids refer to SPEC.md ("Projects" section). */
export function projectStoresContract(name: string, open: () => Promise<Stores>) {
	const withStores = (fn: (s: Stores) => Promise<void>) => async () => {
		const s = await open();
		try {
			await seed(s);
			await fn(s);
		} finally {
			await s.close();
		}
	};

	describe(`${name} project stores contract`, () => {
		it(
			'J1 a project is created once per board and lists by community',
			withStores(async (s) => {
				expect(await s.projects.create(projectFixture())).toBe(true);
				expect(await s.projects.create(projectFixture({ stage: 'closed' }))).toBe(false);
				expect(await s.projects.get('b1')).toEqual(projectFixture());
				expect(await s.projects.get('b2')).toBeNull();
				await s.projects.create(projectFixture({ boardId: 'b2', createdAt: 2000 }));
				expect((await s.projects.inCommunities(['c'])).map((p) => p.boardId)).toEqual(['b1', 'b2']);
				expect(await s.projects.inCommunities(['other'])).toEqual([]);
			})
		);

		it(
			'J2 a stage move is a compare-and-set on the stage, recorded with reason, author and time',
			withStores(async (s) => {
				await s.projects.create(projectFixture());
				const by = { reason: null, authorId: 'u1', at: 2000 };
				expect(await s.projects.moveStage('b1', 'topic', 'pledge', by)).toBe(true);
				// A racing second request from the same starting stage moves nothing.
				expect(await s.projects.moveStage('b1', 'topic', 'pledge', by)).toBe(false);
				const back = { reason: '措施不具体', authorId: 'u1', at: 3000 };
				expect(await s.projects.moveStage('b1', 'pledge', 'topic', back)).toBe(true);
				expect((await s.projects.get('b1'))?.stage).toBe('topic');
				expect((await s.projects.get('b1'))?.updatedAt).toBe(3000);
				const moves = await s.projects.moves('b1');
				expect(moves.map((m) => [m.from, m.to, m.reason, m.authorId, m.at])).toEqual([
					['topic', 'pledge', null, 'u1', 2000],
					['pledge', 'topic', '措施不具体', 'u1', 3000]
				]);
			})
		);

		it(
			'J3 pledge revisions are numbered once each and read back in order with their snapshot',
			withStores(async (s) => {
				await s.projects.create(projectFixture());
				const r1 = {
					boardId: 'b1',
					revision: 1,
					snapshot: pledge('2027-03-31'),
					reason: null,
					authorId: 'u1',
					at: 2000
				};
				expect(await s.projects.addRevision(r1)).toBe(true);
				expect(await s.projects.addRevision({ ...r1, snapshot: pledge('2027-06-30') })).toBe(false);
				const r2 = { ...r1, revision: 2, snapshot: pledge('2027-06-30'), reason: '延期', at: 3000 };
				expect(await s.projects.addRevision(r2)).toBe(true);
				expect(await s.projects.revisions('b1')).toEqual([r1, r2]);
				expect(await s.projects.lastRevision('b1')).toEqual(r2);
				expect(await s.projects.lastRevision('b2')).toBeNull();
			})
		);

		it(
			'J4 classification follows the board; the stage is not touched by it',
			withStores(async (s) => {
				await s.projects.create(projectFixture({ stage: 'delivery' }));
				await s.projects.classify('b1', { level: 'street', unitId: 's', category: 'safety' }, 5000);
				expect(await s.projects.get('b1')).toMatchObject({
					level: 'street',
					unitId: 's',
					category: 'safety',
					stage: 'delivery',
					updatedAt: 5000
				});
			})
		);
	});
}
