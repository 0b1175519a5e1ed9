import Database from 'better-sqlite3';
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { canDoWithDemands } from '../../src/lib/domain/policy';
import { get } from '../helpers/http';
import { startTestServer, type TestServer } from '../helpers/server';

/**
 * Issue 4, notifications: the demand flow writes them (escalation, dispatch, offer, resolution);
 * their owner reads them in the API and on /notifications, the header's bell counts the unread
 * ones, and marking them read clears the count. Nobody sees or marks anyone else's.
 */
const bj = (local: string) => Date.parse(`${local}:00+08:00`);
let clock = bj('2026-11-02T10:00');
let server: TestServer;
const cookies: Record<string, string> = {};

beforeAll(async () => {
	server = await startTestServer({ withApp: true, config: { now: () => clock } });
	for (const u of ['secretary', 'resident', 'outsider', 'grid-leader', 'party-member'])
		cookies[u] = await server.cookieFor(u);
});
afterAll(async () => {
	await server?.close();
});

interface Listing {
	unread: number;
	items: {
		id: number;
		kind: string;
		demandId: string | null;
		userId: string;
		readAt: number | null;
	}[];
}
const list = async (user: string) =>
	(await (await get(server, '/api/notifications', cookies[user])).json()) as Listing;
const mark = (user: string, body: unknown) =>
	fetch(`${server.url}/api/notifications`, {
		method: 'POST',
		headers: { cookie: cookies[user]!, origin: server.url, 'content-type': 'application/json' },
		body: JSON.stringify(body)
	});
async function file(user: string) {
	const id = randomUUID();
	await server.services.demands.file(`u-${user}`, {
		id,
		gridId: 'c-a-g1',
		category: 'repair',
		description: '楼道灯坏了'
	});
	return id;
}

describe('notifications', () => {
	it('escalation notifies the secretary, who sees it in the API, on the page and in the bell; reading clears the count', async () => {
		const id = await file('resident');
		const before = await list('secretary');
		clock = bj('2026-11-05T10:00');
		expect(await server.services.demands.sweep()).toBeGreaterThanOrEqual(1);
		const after = await list('secretary');
		expect(after.unread).toBeGreaterThan(before.unread);
		const note = after.items.find((n) => n.demandId === id);
		expect(note).toMatchObject({ kind: 'demand_escalated', userId: 'u-secretary', readAt: null });

		const page = await (await get(server, '/notifications', cookies.secretary)).text();
		expect(page).toContain(`/d/${id}`);
		expect(page).toContain('有诉求超时，已升级到你这一级');
		expect(page).toContain(`通知（${after.unread} 条未读）`);

		expect((await mark('secretary', { all: true })).status).toBe(200);
		expect((await list('secretary')).unread).toBe(0);
		const home = await (await get(server, '/', cookies.secretary)).text();
		expect(home).not.toContain('条未读');
	});

	it("a user never sees nor marks another's notifications", async () => {
		const id = await file('resident');
		clock += 7 * 24 * 3600 * 1000;
		await server.services.demands.sweep();
		const secretary = await list('secretary');
		expect(secretary.items.some((n) => n.demandId === id)).toBe(true);
		for (const u of ['resident', 'outsider', 'party-member']) {
			const theirs = await list(u);
			expect(theirs.items.every((n) => n.userId === `u-${u}`)).toBe(true);
			expect(theirs.items.some((n) => n.demandId === id)).toBe(false);
			const page = await (await get(server, '/notifications', cookies[u])).text();
			expect(page).not.toContain(`/d/${id}`);
			// Marking "everything" read marks only one's own.
			expect((await mark(u, { all: true })).status).toBe(200);
		}
		expect((await list('secretary')).unread).toBe(secretary.unread);
		expect((await get(server, '/api/notifications')).status).toBe(401);
		const bad = await mark('secretary', { upTo: 'all' });
		expect([bad.status, await bad.json()]).toEqual([400, { error: 'invalid' }]);
	});

	it("offering a demand to the grid notifies the grid's takers, and nobody else", async () => {
		const id = await file('resident');
		const res = await fetch(`${server.url}/api/demands/${id}`, {
			method: 'POST',
			headers: {
				cookie: cookies['grid-leader']!,
				origin: server.url,
				'content-type': 'application/json'
			},
			body: JSON.stringify({ action: 'offer' })
		});
		expect(res.status).toBe(200);
		const party = await list('party-member');
		expect(party.items.find((n) => n.demandId === id)?.kind).toBe('demand_offered');
		const db = new Database(join(server.dataDir, 'gongzhi.sqlite'), { readonly: true });
		const told = (
			db
				.prepare(
					"SELECT user_id FROM notifications WHERE demand_id = ? AND kind = 'demand_offered'"
				)
				.all(id) as { user_id: string }[]
		).map((r) => r.user_id);
		db.close();
		const { access } = server.services;
		expect(told).toContain('u-party');
		expect(told).not.toContain('u-grid'); // the one who offered it
		expect(told).not.toContain('u-outsider');
		for (const u of told) {
			expect(canDoWithDemands('take', await access.rolesIn(u, 'c-a-g1')), u).toBe(true);
		}
	});
});
