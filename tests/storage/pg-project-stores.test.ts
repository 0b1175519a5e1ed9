import { describe, expect, it } from 'vitest';
import { projectFixture, projectStoresContract } from '../contract/projectStoresContract';
import { pgDirect, seedCoreRows } from '../helpers/pgDirect';
import { pgStoresForFile } from '../helpers/pgStores';
import { pledgeSnapshot } from '../../src/lib/domain/projects';

const file = pgStoresForFile();
const direct = pgDirect(file);

projectStoresContract('PostgreSQL', file.open);

const pledge = (deadline: string) =>
	pledgeSnapshot({ goal: 'g', measures: 'm', responsible: ['r'], deadline });

describe('PostgreSQL project tables', () => {
	it('J5 stage_moves and pledge_revisions refuse UPDATE, DELETE and TRUNCATE, whoever asks', async () => {
		const url = await direct.database();
		const s = await direct.stores(url);
		// A second connection, as an operator with a SQL shell would have.
		const sql = await direct.client(url);
		await seedCoreRows(sql, {
			units: [{ id: 'c', kind: 'community' }],
			users: ['u1'],
			boards: [{ id: 'b1', communityId: 'c' }]
		});
		await s.projects.create(projectFixture());
		await s.projects.moveStage('b1', 'topic', 'pledge', { reason: null, authorId: 'u1', at: 2 });
		await s.projects.addRevision({
			boardId: 'b1',
			revision: 1,
			snapshot: pledge('2027-01-01'),
			reason: null,
			authorId: 'u1',
			at: 2
		});
		for (const statement of [
			"UPDATE stage_moves SET reason = 'x'",
			'DELETE FROM stage_moves',
			'TRUNCATE stage_moves',
			"UPDATE pledge_revisions SET snapshot = '{}'",
			'DELETE FROM pledge_revisions',
			'TRUNCATE pledge_revisions'
		]) {
			await expect(sql.query(statement), statement).rejects.toThrow(/append-only/);
		}
		const count = async (table: string) =>
			(await sql.query<{ n: number }>(`SELECT COUNT(*)::int AS n FROM ${table}`)).rows[0]!.n;
		expect(await count('stage_moves')).toBe(1);
		expect(await count('pledge_revisions')).toBe(1);
	});

	it('J2 two instances moving the same stage at once: one moves it and records it, the other writes nothing', async () => {
		const url = await direct.database();
		// Two store sets with their own pools: two Gongzhi instances on one database.
		const [a, b] = [await direct.stores(url), await direct.stores(url)];
		const sql = await direct.client(url);
		const boards = Array.from({ length: 12 }, (_, i) => `b${i}`);
		await seedCoreRows(sql, {
			units: [{ id: 'c', kind: 'community' }],
			users: ['u1'],
			boards: boards.map((id) => ({ id, communityId: 'c' }))
		});
		for (const boardId of boards) {
			await a.projects.create(projectFixture({ boardId }));
			const by = (at: number) => ({ reason: null, authorId: 'u1', at });
			// Across instances, and within one (its pool runs both at once on two connections).
			const [x, y] = boardId.endsWith('1') ? [a, a] : [a, b];
			const won = await Promise.all([
				x.projects.moveStage(boardId, 'topic', 'pledge', by(10)),
				y.projects.moveStage(boardId, 'topic', 'delivery', by(11))
			]);
			expect(won.filter(Boolean), boardId).toHaveLength(1);
			const moves = await b.projects.moves(boardId);
			expect(moves.map((m) => m.from)).toEqual(['topic']);
			expect((await b.projects.get(boardId))?.stage).toBe(moves[0]!.to);
			expect(moves[0]!.to).toBe(won[0] ? 'pledge' : 'delivery');
		}
	});

	it('J3 two instances publishing the same revision number at once: one is kept', async () => {
		const url = await direct.database();
		const [a, b] = [await direct.stores(url), await direct.stores(url)];
		const sql = await direct.client(url);
		await seedCoreRows(sql, {
			units: [{ id: 'c', kind: 'community' }],
			users: ['u1'],
			boards: [{ id: 'b1', communityId: 'c' }]
		});
		await a.projects.create(projectFixture());
		for (let revision = 1; revision <= 10; revision++) {
			const rev = (deadline: string) => ({
				boardId: 'b1',
				revision,
				snapshot: pledge(deadline),
				reason: null,
				authorId: 'u1',
				at: revision
			});
			const won = await Promise.all([
				a.projects.addRevision(rev('2027-01-01')),
				b.projects.addRevision(rev('2027-02-02'))
			]);
			expect(won.filter(Boolean)).toHaveLength(1);
			expect((await a.projects.lastRevision('b1'))?.snapshot.deadline).toBe(
				won[0] ? '2027-01-01' : '2027-02-02'
			);
		}
		expect(await a.projects.revisions('b1')).toHaveLength(10);
	});
});
