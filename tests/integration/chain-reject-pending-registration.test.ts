import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { get, login, postForm } from '../helpers/http';
import { filePending, PENDING_PASSWORD } from '../helpers/pendingRegistration';
import { startTestServer, type TestServer } from '../helpers/server';

/**
 * Issue 4, the chain: a grid leader (or the secretary) can turn down a resident who registered
 * without a code and waits for confirmation — with an optional reason, audited. The account is
 * disabled: it cannot log in, no longer shows as pending, and cannot be confirmed afterwards.
 */
let server: TestServer;
let gridLeader: string;
let secretary: string;
beforeAll(async () => {
	server = await startTestServer({ withApp: true });
	gridLeader = await server.cookieFor('grid-leader');
	secretary = await server.cookieFor('secretary');
});
afterAll(async () => {
	await server?.close();
});

describe('turning down a pending registration', () => {
	it('the grid leader rejects with a reason: the account is disabled, audited and gone from the list', async () => {
		const p = await filePending(
			server,
			{ phone: '13700000041', grid: 'c-a-g1', building: 'c-a-g1-b2' },
			{ room: '2-202', namePrefix: '申请人' }
		);
		const before = await login(server, '13700000041', PENDING_PASSWORD);
		expect(await (await get(server, '/g/c-a-g1/residents', gridLeader)).text()).toContain(
			'申请人41'
		);
		const res = await postForm(
			server,
			'/g/c-a-g1/residents?/reject',
			{ userId: p.userId, reason: '查无此人' },
			gridLeader
		);
		expect(res.status).toBe(200);
		const { stores } = server.services;
		expect((await stores.users.byId(p.userId))?.disabled).toBe(true);
		expect(await stores.org.membershipsOf(p.userId)).toEqual([]);
		expect(await (await get(server, '/g/c-a-g1/residents', gridLeader)).text()).not.toContain(
			'申请人41'
		);
		// Its session and its password no longer work.
		expect((await get(server, '/account', before)).status).toBe(303);
		await expect(login(server, '13700000041', PENDING_PASSWORD)).rejects.toThrow();
		const entries = await stores.audit.inScopes({ scopes: ['c-a'], unscoped: false, limit: 20 });
		const entry = entries.find((e) => e.action === 'resident_rejected');
		expect(entry).toMatchObject({ userId: 'u-grid', target: `user:${p.userId}`, scope: 'c-a' });
		expect(JSON.stringify(entry?.detail)).toContain('查无此人');
		// Confirming it afterwards, by the leader or the secretary, does nothing.
		const late = await postForm(
			server,
			'/g/c-a-g1/residents?/confirm',
			{ userId: p.userId },
			gridLeader
		);
		expect(late.status).toBe(400);
		const bySecretary = await postForm(
			server,
			'/c/c-a/chain?/confirm',
			{ userId: p.userId },
			secretary
		);
		expect(bySecretary.status).toBe(400);
		expect((await stores.residents.get(p.userId))?.status).toBe('pending');
	});

	it("a grid leader cannot reject another grid's registrant; the secretary can, without a reason", async () => {
		const p = await filePending(
			server,
			{ phone: '13700000042', grid: 'c-a-g2', building: 'c-a-g2-b4' },
			{ room: '2-202', namePrefix: '申请人' }
		);
		const other = await postForm(
			server,
			'/g/c-a-g2/residents?/reject',
			{ userId: p.userId },
			gridLeader
		);
		expect(other.status).toBe(404);
		const viaOwnGrid = await postForm(
			server,
			'/g/c-a-g1/residents?/reject',
			{ userId: p.userId },
			gridLeader
		);
		expect(viaOwnGrid.status).toBe(400);
		expect((await server.services.stores.users.byId(p.userId))?.disabled).toBe(false);
		const res = await postForm(server, '/c/c-a/chain?/reject', { userId: p.userId }, secretary);
		expect(res.status).toBe(200);
		expect((await server.services.stores.users.byId(p.userId))?.disabled).toBe(true);
	});

	it('an active resident cannot be "rejected" into a disabled account', async () => {
		const res = await postForm(server, '/c/c-a/chain?/reject', { userId: 'u-resident' }, secretary);
		expect(res.status).toBe(400);
		expect((await server.services.stores.users.byId('u-resident'))?.disabled).toBe(false);
	});
});
