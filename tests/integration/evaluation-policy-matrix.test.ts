import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_USERS } from '../../server/demo/demoDistrict';
import { canDoInEvaluation, type EvaluationAction } from '../../src/lib/domain/policy';
import { addBoard } from '../helpers/extraDocuments';
import { startTestServer, type TestServer } from '../helpers/server';

/**
 * EVALUATION_POLICY over HTTP, generated from the table: for every demo account and each
 * role-decided evaluation step on a board of community A, the API answers 404 to whoever may not
 * read the board's evaluation, 403 to a reader the table does not allow, and goes past the role
 * check for the roles it names (their answer is then about the record, never 403/404).
 */
let server: TestServer;
let board: string;

beforeAll(async () => {
	server = await startTestServer({ withApp: true });
	board = await addBoard(server, '权限矩阵');
});
afterAll(async () => {
	await server?.close();
});

const STEPS: { action: EvaluationAction; body: Record<string, unknown> }[] = [
	{ action: 'report', body: { action: 'report', text: '' } },
	{ action: 'invite', body: { action: 'invite', evaluatorId: 'nobody' } },
	{ action: 'sign', body: { action: 'sign', verdict: 'nonsense' } },
	{ action: 'run_survey', body: { action: 'open_survey', threshold: 2 } },
	{ action: 'rectify', body: { action: 'rectify', items: [] } }
];

describe('evaluation steps follow EVALUATION_POLICY', () => {
	for (const user of DEMO_USERS) {
		it(`${user.username} (${user.role} in ${user.unitId})`, async () => {
			const roles = await server.services.access.rolesIn(user.id, 'c-a');
			const cookie = await server.cookieFor(user.username);
			const read = await fetch(`${server.url}/api/boards/${board}/evaluation`, {
				headers: { cookie }
			});
			expect(read.status).toBe(canDoInEvaluation('read', roles) ? 200 : 404);
			for (const step of STEPS) {
				const res = await fetch(`${server.url}/api/boards/${board}/evaluation`, {
					method: 'POST',
					headers: { cookie, origin: server.url, 'content-type': 'application/json' },
					body: JSON.stringify(step.body)
				});
				const expected = !canDoInEvaluation('read', roles)
					? 404
					: canDoInEvaluation(step.action, roles)
						? 400 // past the role check: the deliberately bad input is refused
						: 403;
				expect(res.status, step.action).toBe(expected);
			}
		});
	}
});
