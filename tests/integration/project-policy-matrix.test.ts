import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_USERS } from '../../server/demo/demoDistrict';
import { canDoWithProjects } from '../../src/lib/domain/policy';
import { addBoard } from '../helpers/extraDocuments';
import { startTestServer, type TestServer } from '../helpers/server';

/**
 * PROJECT_POLICY over HTTP, generated from the table: for every demo account, a project of
 * community A answers 404 to whoever may not read its board (as for an unknown id), 403 to a
 * reader the table does not allow to act, and goes past the role check for the roles it names —
 * each request carries deliberately bad input, so "past the check" is a 400 or a 409 about the
 * record, and nothing moves. Without a session every route answers 401.
 */
let server: TestServer;
let board: string;

beforeAll(async () => {
	server = await startTestServer({ withApp: true });
	board = await addBoard(server, '项目权限矩阵');
});
afterAll(async () => {
	await server?.close();
});

const post = (path: string, body: unknown, cookie?: string) =>
	fetch(`${server.url}${path}`, {
		method: 'POST',
		headers: {
			...(cookie ? { cookie } : {}),
			origin: server.url,
			'content-type': 'application/json'
		},
		body: JSON.stringify(body)
	});

describe('project steps follow PROJECT_POLICY', () => {
	for (const user of DEMO_USERS) {
		it(`${user.username} (${user.role} in ${user.unitId})`, async () => {
			const roles = await server.services.access.rolesIn(user.id, 'c-a');
			const readable = (await server.services.access.document(user.id, board)) !== null;
			const cookie = await server.cookieFor(user.username);
			const gate = (allowed: number, action: Parameters<typeof canDoWithProjects>[0]) =>
				!readable ? 404 : canDoWithProjects(action, roles) ? allowed : 403;

			const view = await fetch(`${server.url}/api/projects/${board}`, { headers: { cookie } });
			expect(view.status, 'view').toBe(readable ? 200 : 404);

			// An empty title: refused for what it says only after who sends it was checked.
			const create = await post('/api/projects', { communityId: 'c-a', title: ' ' }, cookie);
			expect(create.status, 'create').toBe(
				canDoWithProjects('create', roles) ? 400 : roles.size === 0 ? 404 : 403
			);

			const move = await post(`/api/projects/${board}`, { action: 'move', to: 'nowhere' }, cookie);
			expect(move.status, 'move_stage').toBe(gate(400, 'move_stage'));

			// At `topic` nothing is published yet, so a revision is a conflict for whoever may revise.
			const revise = await post(
				`/api/projects/${board}`,
				{ action: 'revise', reason: 'x' },
				cookie
			);
			expect(revise.status, 'revise').toBe(gate(409, 'revise'));
		});
	}

	it('answers 401 on every project route without a session', async () => {
		expect((await fetch(`${server.url}/api/projects/${board}`)).status).toBe(401);
		expect((await post('/api/projects', { communityId: 'c-a', title: '无会话' })).status).toBe(401);
		expect((await post(`/api/projects/${board}`, { action: 'move', to: 'pledge' })).status).toBe(
			401
		);
	});

	it('moved nothing while the matrix ran', async () => {
		const project = await server.services.stores.projects.get(board);
		expect(project?.stage ?? 'topic').toBe('topic');
		expect(await server.services.stores.projects.moves(board)).toEqual([]);
		expect(await server.services.stores.projects.revisions(board)).toEqual([]);
	});
});
