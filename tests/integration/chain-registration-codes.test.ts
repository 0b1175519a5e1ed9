import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MessageProvider } from '../../server/messages/MessageProvider';
import { get, postForm, setCookie } from '../helpers/http';
import { startTestServer, type TestServer } from '../helpers/server';

/**
 * Issue 4, the four-level chain: residents register with a code sent to their phone. The clock
 * is the server's own (`config.now`), moved by the test; the texts are caught by a provider the
 * test passes in, as a real SMS gateway would receive them.
 */
let server: TestServer;
let clock = Date.now();
const texts: { phone: string; text: string }[] = [];
const capture: MessageProvider = {
	send: async (phone, text) => {
		texts.push({ phone, text });
	}
};

beforeAll(async () => {
	server = await startTestServer({
		withApp: true,
		config: { now: () => clock },
		messages: capture
	});
});
afterAll(async () => {
	await server?.close();
});

const place = { community: 'c-a', grid: 'c-a-g1', building: 'c-a-g1-b1', room: '3-502' };
const person = (phone: string) => ({ ...place, name: '王小明', phone, password: 'long-enough-pw' });

async function sendCode(phone: string): Promise<string> {
	const before = texts.length;
	const res = await postForm(server, '/register?/sendCode', person(phone));
	expect(res.status).toBe(200);
	const text = texts.slice(before).find((t) => t.phone === phone);
	const code = /\b(\d{6})\b/.exec(text?.text ?? '')?.[1];
	if (!code) throw new Error(`no code sent to ${phone}`);
	return code;
}

const register = (phone: string, code: string, extra: Record<string, string> = {}) =>
	postForm(server, '/register?/register', { ...person(phone), code, ...extra });

describe('registration codes', () => {
	it('a code registers a resident once, in their grid and building, with the resident role only', async () => {
		const phone = '13912340001';
		const code = await sendCode(phone);
		const res = await register(phone, code);
		expect(res.status).toBe(303);
		expect(res.headers.get('location')).toBe('/');
		const cookie = setCookie(res, 'gz_session');
		expect(cookie).not.toBeNull();

		const { stores } = server.services;
		const resident = await stores.residents.byPhone(phone);
		expect(resident).toMatchObject({
			communityId: 'c-a',
			gridId: 'c-a-g1',
			buildingId: 'c-a-g1-b1',
			room: '3-502',
			status: 'active',
			confirmedBy: 'sms'
		});
		const memberships = await stores.org.membershipsOf(resident!.userId);
		expect(memberships.map((ms) => [ms.unitId, ms.role])).toEqual([['c-a', 'resident']]);
		expect((await stores.users.byUsername(phone))?.displayName).toBe('王小明');
		// The home page, logged in with that session, shows the community.
		const home = await get(server, '/', `gz_session=${cookie!.value}`);
		expect(home.status).toBe(200);

		// The same code a second time: refused, nothing created.
		const again = await register(phone, code, { name: '李四' });
		expect(again.status).toBe(400);
		expect((await stores.users.byUsername(phone))?.displayName).toBe('王小明');
	});

	it('a code expires after ten minutes on the server clock', async () => {
		const phone = '13912340002';
		const code = await sendCode(phone);
		clock += 10 * 60 * 1000 + 1;
		const res = await register(phone, code);
		expect(res.status).toBe(400);
		expect(await server.services.stores.residents.byPhone(phone)).toBeNull();
		expect(await server.services.stores.users.byUsername(phone)).toBeNull();
	});

	it('five wrong tries burn the code: the right one no longer works', async () => {
		const phone = '13912340003';
		const code = await sendCode(phone);
		const wrong = code === '000000' ? '111111' : '000000';
		for (let i = 0; i < 5; i++) expect((await register(phone, wrong)).status).toBe(400);
		expect(await server.services.stores.phoneCodes.latest(phone, 'register', clock)).toBeNull();
		expect((await register(phone, code)).status).not.toBe(303);
		expect(await server.services.stores.residents.byPhone(phone)).toBeNull();
	});

	it('one code per number per minute; a registered number gets the same answer as a new one', async () => {
		const fresh = '13912340004';
		await sendCode(fresh);
		const tooSoon = await postForm(server, '/register?/sendCode', person(fresh));
		expect(tooSoon.status).toBe(429);
		clock += 61 * 1000;
		await sendCode(fresh);
		// 13912340001 registered in the first test: the answer is the same "code sent".
		const known = await postForm(server, '/register?/sendCode', person('13912340001'));
		expect(known.status).toBe(200);
	});

	it('a code for a registered number does not make a second account', async () => {
		const phone = '13912340001';
		clock += 61 * 1000;
		const code = await sendCode(phone);
		const res = await register(phone, code, { name: '冒名者', password: 'another-password' });
		expect(res.status).toBe(400);
		const user = await server.services.stores.users.byUsername(phone);
		expect(user?.displayName).toBe('王小明');
		expect(await server.services.auth.verifyPassword(user!.passwordHash, 'long-enough-pw')).toBe(
			true
		);
	});

	it('a building outside the chosen grid is refused', async () => {
		const phone = '13912340005';
		const code = await sendCode(phone);
		const res = await register(phone, code, { building: 'c-a-g2-b4' });
		expect(res.status).toBe(400);
		expect(await server.services.stores.residents.byPhone(phone)).toBeNull();
	});

	it('whoever proves the number with a code takes over an account someone filed without one', async () => {
		const phone = '13912340006';
		const filed = await postForm(server, '/register?/pending', {
			...person(phone),
			name: '抢注者',
			password: 'squatter-password'
		});
		expect(filed.status).toBe(200);
		const squatted = await server.services.stores.residents.byPhone(phone);
		expect(squatted?.status).toBe('pending');
		clock += 61 * 1000;
		const code = await sendCode(phone);
		const res = await register(phone, code, { building: 'c-a-g1-b2', password: 'owner-password' });
		expect(res.status).toBe(303);
		const { stores, auth } = server.services;
		expect(await stores.residents.get(squatted!.userId)).toMatchObject({
			status: 'active',
			confirmedBy: 'sms',
			buildingId: 'c-a-g1-b2'
		});
		const user = await stores.users.byUsername(phone);
		expect(await auth.verifyPassword(user!.passwordHash, 'squatter-password')).toBe(false);
		expect(await auth.verifyPassword(user!.passwordHash, 'owner-password')).toBe(true);
		expect(user?.displayName).toBe('王小明');
	});
});
