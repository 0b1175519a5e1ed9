import * as A from '@automerge/automerge';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Board } from '../../src/lib/domain/board';
import { PROJECT_STAGES } from '../../src/lib/domain/projects';
import { ProjectError } from '../../server/projects/ProjectError';
import { boardClient, waitUntilServerHas, type BoardClient } from '../helpers/automergeClient';
import { startTestServer, type TestServer } from '../helpers/server';

/**
 * Issue 5: the stage and the published pledge are server records. A board writer can put
 * anything in the document; the server's stage does not move, and gates are read from the
 * server's own copy of the board.
 */
let server: TestServer;
let writer: BoardClient;
beforeAll(async () => {
	server = await startTestServer();
	writer = await boardClient(server, 'rc-member');
});
afterAll(async () => {
	await writer?.close();
	await server?.close();
});

const projects = () => server.services.projects;
const newProject = (title: string) =>
	projects().create('u-secretary', { communityId: 'c-a', title });

async function refusal(p: Promise<unknown>): Promise<ProjectError> {
	const e = await p.then(
		() => null,
		(err: unknown) => err
	);
	expect(e).toBeInstanceOf(ProjectError);
	return e as ProjectError;
}

/** Writes into the board as the committee member's stock client, and waits for the server. */
async function write(boardId: string, fn: (d: Board & Record<string, unknown>) => void) {
	const handle = await writer.find<Board & Record<string, unknown>>(boardId);
	handle.change(fn);
	await waitUntilServerHas(writer, handle);
}

const fillPledge = (deadline: string) => (d: Board) => {
	Object.assign(d.pledge, { goal: '目标', measures: '措施', deadline });
	d.pledge.responsible.push('王书记');
};

describe('a board writer cannot move a stage by editing the document', () => {
	it('a stage written into the board changes nothing; moves past an unmet gate are refused', async () => {
		const id = await newProject('写进文档的阶段');
		await write(id, (d) => {
			d.stage = 'closed';
			d.published = true;
			d.pledge.goal = '目标';
		});
		expect((await server.services.stores.projects.get(id))?.stage).toBe('topic');
		// Leaping ahead is refused whatever the document says.
		expect((await refusal(projects().move('u-secretary', id, 'delivery'))).gates).toEqual([
			{ code: 'not_next' }
		]);
		// Publishing reads the server's copy: measures, a responsible person and a deadline lack.
		const gated = await refusal(projects().move('u-secretary', id, 'pledge'));
		expect(gated.code).toBe('gates');
		expect(gated.gates.map((g) => g.code)).toEqual(['measures', 'responsible', 'deadline']);
		expect((await server.services.stores.projects.get(id))?.stage).toBe('topic');
		expect(await server.services.stores.projects.moves(id)).toEqual([]);
	});

	it('only the secretary moves stages; a committee writer is forbidden, an outsider told nothing', async () => {
		const id = await newProject('委员不能推进');
		expect((await refusal(projects().move('u-rc', id, 'pledge'))).code).toBe('forbidden');
		expect((await refusal(projects().move('u-outsider', id, 'pledge'))).code).toBe('not_found');
	});

	it('evaluation needs every task done or waived with a reason, on the server copy', async () => {
		const id = await newProject('任务闸门');
		await write(id, (d) => {
			fillPledge('2027-06-30')(d);
			d.tasks['t-1'] = {
				id: 't-1',
				title: '第一项',
				status: 'doing',
				owner: '',
				due: '',
				notes: '',
				checklist: {},
				waivedReason: '',
				rank: 1,
				createdAt: 1
			};
		});
		await projects().move('u-secretary', id, 'pledge');
		await projects().move('u-secretary', id, 'delivery');
		expect((await refusal(projects().move('u-secretary', id, 'evaluation'))).gates).toEqual([
			{ code: 'tasks_open', count: 1 }
		]);
		await write(id, (d) => {
			d.tasks['t-1']!.status = 'waived';
		});
		expect((await refusal(projects().move('u-secretary', id, 'evaluation'))).gates).toEqual([
			{ code: 'waived_without_reason', count: 1 }
		]);
		await write(id, (d) => {
			d.tasks['t-1']!.waivedReason = '已由街道统一实施';
		});
		await projects().move('u-secretary', id, 'evaluation');
		expect((await server.services.stores.projects.get(id))?.stage).toBe('evaluation');
	});
});

describe('the published pledge', () => {
	it('is a snapshot of the server copy; a later deadline change is revision 2 and revision 1 is kept', async () => {
		const id = await newProject('承诺快照');
		await write(id, fillPledge('2027-03-31'));
		// A change the server never received: the writer's copy diverges locally only.
		const handle = await writer.find<Board>(id);
		const local = A.change(A.clone(handle.doc()), (d) => {
			d.pledge.deadline = '2099-01-01';
		});
		expect(local.pledge.deadline).toBe('2099-01-01');
		await projects().move('u-secretary', id, 'pledge');
		const [r1] = await server.services.stores.projects.revisions(id);
		expect(r1).toMatchObject({ revision: 1, reason: null, authorId: 'u-secretary' });
		expect(r1?.snapshot.deadline).toBe('2027-03-31');
		expect((await projects().view('u-secretary', id)).draftDiffers).toBe(false);

		await write(id, (d) => {
			d.pledge.deadline = '2027-06-30';
		});
		const view = await projects().view('u-rc', id);
		expect(view.draftDiffers).toBe(true);
		expect(view.canManage).toBe(false);
		// A revision needs a reason, and only the secretary publishes one.
		expect((await refusal(projects().revise('u-secretary', id, ' '))).gates).toEqual([
			{ code: 'reason_required' }
		]);
		expect((await refusal(projects().revise('u-rc', id, '延期'))).code).toBe('forbidden');
		await projects().revise('u-secretary', id, '电梯到货延期');
		const revisions = await server.services.stores.projects.revisions(id);
		expect(revisions.map((r) => [r.revision, r.snapshot.deadline, r.reason])).toEqual([
			[1, '2027-03-31', null],
			[2, '2027-06-30', '电梯到货延期']
		]);
		// Nothing changed since: no empty revision.
		expect((await refusal(projects().revise('u-secretary', id, '再发一次'))).code).toBe('conflict');
		const audit = await server.services.stores.audit.inScopes({
			scopes: ['c-a'],
			unscoped: false,
			limit: 50
		});
		const mine = audit.filter((e) => e.target === `board:${id}`).map((e) => e.action);
		expect(mine).toEqual(
			expect.arrayContaining([
				'project_created',
				'pledge_published',
				'stage_moved',
				'pledge_revised'
			])
		);
	});

	it('a back move without a reason is refused; with one it is kept with its author', async () => {
		const id = await newProject('退回要有理由');
		await write(id, fillPledge('2027-03-31'));
		await projects().move('u-secretary', id, 'pledge');
		for (const reason of [undefined, '', '   ']) {
			expect((await refusal(projects().move('u-secretary', id, 'topic', reason))).gates).toEqual([
				{ code: 'reason_required' }
			]);
		}
		await projects().move('u-secretary', id, 'topic', '措施需要细化');
		const moves = await server.services.stores.projects.moves(id);
		expect(moves.map((m) => [m.from, m.to, m.reason, m.authorId])).toEqual([
			['topic', 'pledge', null, 'u-secretary'],
			['pledge', 'topic', '措施需要细化', 'u-secretary']
		]);
		// Published again later: a new revision, the first one kept.
		await projects().move('u-secretary', id, 'pledge');
		const numbers = (await server.services.stores.projects.revisions(id)).map((r) => r.revision);
		expect(numbers).toEqual([1, 2]);
	});
});

describe('the demo district', () => {
	it('holds projects in every stage, so a newcomer sees the whole flow', async () => {
		// The seed's projects are dated a month back; those made by the tests above are not.
		const rows = (await server.services.stores.projects.inCommunities(['c-a'])).filter(
			(r) => r.createdAt < Date.now() - 86_400_000
		);
		expect(new Set(rows.map((r) => r.stage))).toEqual(new Set(PROJECT_STAGES));
		const lift = rows.find((r) => r.boardId === server.boardId);
		expect(lift?.stage).toBe('delivery');
		expect(await server.services.stores.projects.revisions(server.boardId)).toHaveLength(1);
	});
});
