import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { DEMAND_FILINGS } from '../../src/lib/domain/demands';
import { startTestServer, type TestServer } from '../helpers/server';

/**
 * One person cannot flood the dispatchers' queue: past DEMAND_FILINGS the API answers 429 with
 * Retry-After and stores nothing; other people file as usual, and a minute later the person may
 * file again. Over the real server with its clock held by the test (run `npm run build` first).
 */
let server: TestServer;
let clock = Date.parse('2026-11-02T10:00:00+08:00');
const cookies: Record<string, string> = {};

beforeAll(async () => {
	server = await startTestServer({ withApp: true, config: { now: () => clock } });
	for (const u of ['resident', 'grid-leader']) cookies[u] = await server.cookieFor(u);
});
afterAll(async () => {
	await server?.close();
});

const file = (user: string, description: string) =>
	fetch(`${server.url}/api/demands`, {
		method: 'POST',
		headers: { cookie: cookies[user]!, origin: server.url, 'content-type': 'application/json' },
		body: JSON.stringify({
			id: randomUUID(),
			gridId: 'c-a-g1',
			buildingId: 'c-a-g1-b1',
			category: 'repair',
			description
		})
	});
const filedBy = async (userId: string) =>
	(await server.services.stores.demands.query({ communityIds: ['c-a'], limit: 1000 })).filter(
		(d) => d.residentId === userId
	).length;

it('a burst past the limit gets 429 with Retry-After and nothing stored; others file as usual; a minute later one more', async () => {
	const before = await filedBy('u-resident');
	for (let i = 0; i < DEMAND_FILINGS.burst; i++) {
		const res = await file('resident', `楼道灯坏了（第${i + 1}次）`);
		expect(res.status, `filing ${i + 1}`).toBe(200);
	}
	const over = await file('resident', '楼道灯又坏了');
	expect(over.status).toBe(429);
	expect(await over.json()).toEqual({ error: 'too_many' });
	expect(over.headers.get('retry-after')).toBe(String(60 / DEMAND_FILINGS.perMinute));
	expect(await filedBy('u-resident')).toBe(before + DEMAND_FILINGS.burst);

	expect((await file('grid-leader', '网格长自己报的')).status).toBe(200);

	clock += 60_000 / DEMAND_FILINGS.perMinute;
	expect((await file('resident', '一分钟后再报')).status).toBe(200);
	expect((await file('resident', '紧接着又报')).status).toBe(429);
	expect(await filedBy('u-resident')).toBe(before + DEMAND_FILINGS.burst + 1);
});
