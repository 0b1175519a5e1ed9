import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Board } from '../../src/lib/domain/board';
import { boardClient, waitUntilServerHas } from '../helpers/automergeClient';
import { startTestServer, type TestServer } from '../helpers/server';

/**
 * Issue 5 over HTTP: publishing snapshots the server's copy of the board whatever the request
 * claims, and only the secretary may move a stage. Needs `npx vite build` first.
 */
let server: TestServer;
beforeAll(async () => {
	server = await startTestServer({ withApp: true });
});
afterAll(async () => {
	await server?.close();
});

async function call(path: string, username: string, body?: unknown) {
	const res = await fetch(server.url + path, {
		method: body === undefined ? 'GET' : 'POST',
		headers: {
			cookie: await server.cookieFor(username),
			origin: server.url,
			'content-type': 'application/json'
		},
		body: body === undefined ? undefined : JSON.stringify(body)
	});
	return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

describe('the project API', () => {
	it('publishes what the server holds, not what the request claims', async () => {
		const made = await call('/api/projects', 'secretary', {
			communityId: 'c-a',
			title: '接口快照'
		});
		expect(made.status).toBe(201);
		const boardId = made.body.boardId as string;

		const writer = await boardClient(server, 'rc-member');
		try {
			const handle = await writer.find<Board>(boardId);
			handle.change((d) => {
				Object.assign(d.pledge, { goal: '目标', measures: '措施', deadline: '2027-03-31' });
				d.pledge.responsible.push('王书记');
			});
			await waitUntilServerHas(writer, handle);
		} finally {
			await writer.close();
		}

		// A committee member may write the board but not publish; an outsider learns nothing.
		const move = { action: 'move', to: 'pledge' };
		expect((await call(`/api/projects/${boardId}`, 'rc-member', move)).status).toBe(403);
		expect((await call(`/api/projects/${boardId}`, 'outsider', move)).status).toBe(404);

		const claimed = {
			...move,
			pledge: { goal: '伪造', measures: '伪造', responsible: ['伪造'], deadline: '2099-01-01' },
			stage: 'closed',
			revision: 7
		};
		const published = await call(`/api/projects/${boardId}`, 'secretary', claimed);
		expect(published.status).toBe(200);
		const revisions = await server.services.stores.projects.revisions(boardId);
		expect(revisions).toHaveLength(1);
		expect(revisions[0]).toMatchObject({ revision: 1, authorId: 'u-secretary' });
		expect(revisions[0]?.snapshot).toMatchObject({
			goal: '目标',
			responsible: ['王书记'],
			deadline: '2027-03-31'
		});

		// A resident reads the project's records: the stage is the server's.
		const seen = await call(`/api/projects/${boardId}`, 'resident');
		expect(seen.status).toBe(200);
		expect((seen.body.project as { stage: string }).stage).toBe('pledge');
		expect(seen.body.canManage).toBe(false);
	});

	it('refuses a move past a gate with the unmet gates listed', async () => {
		const made = await call('/api/projects', 'secretary', { communityId: 'c-a', title: '空承诺' });
		const boardId = made.body.boardId as string;
		const res = await call(`/api/projects/${boardId}`, 'secretary', {
			action: 'move',
			to: 'pledge'
		});
		expect(res.status).toBe(409);
		expect(res.body).toEqual({
			error: 'gates',
			gates: [{ code: 'goal' }, { code: 'measures' }, { code: 'responsible' }, { code: 'deadline' }]
		});
	});
});
