import { afterAll, beforeAll, expect, test } from 'vitest';
import { DEFAULT_LIMITS } from '../../server/auth/LoginThrottle';
import { DEMO_PASSWORD } from '../../server/demo/demoDistrict';
import { postForm, setCookie } from '../helpers/http';
import { startTestServer, type TestServer } from '../helpers/server';

/**
 * Issue 3 item 3, the per-address half (the per-account half is in auth-login.test.ts, the
 * arithmetic of both in tests/unit/login-throttle.test.ts). Its own server: once the loopback
 * address is locked, every later login from this process is refused.
 */
let server: TestServer;
beforeAll(async () => {
	server = await startTestServer({ withApp: true });
});
afterAll(async () => {
	await server?.close();
});

const alert = async (res: Response) => /role="alert">([^<]*)</.exec(await res.text())?.[1] ?? '';

test('one address guessing many accounts is refused (429) for every account, and the message names no part', async () => {
	const { perAccount, perAddress } = DEFAULT_LIMITS;
	// Lock one real account first (it counts towards the address too), then spread the rest of
	// the address's failures over accounts that do not exist, a few at a time.
	for (let i = 0; i < perAccount; i++) {
		const res = await postForm(server, '/login', { username: 'rc-member', password: `bad-${i}` });
		expect(res.status).toBe(400);
	}
	const lockedAccount = await postForm(server, '/login', {
		username: 'rc-member',
		password: DEMO_PASSWORD
	});
	expect(lockedAccount.status).toBe(429);
	// Before the address limit, another account still logs in from here.
	const stillFine = await postForm(server, '/login', {
		username: 'deputy',
		password: DEMO_PASSWORD
	});
	expect(stillFine.status).toBe(303);

	// A refused (429) attempt is not counted again: only the failures so far.
	let failures = perAccount;
	while (failures < perAddress) {
		const batch = Array.from({ length: Math.min(5, perAddress - failures) }, (_, i) =>
			postForm(server, '/login', { username: `ghost-${failures + i}`, password: 'guess' })
		);
		for (const res of await Promise.all(batch)) expect([400, 429]).toContain(res.status);
		failures += batch.length;
	}

	const lockedAddress = await postForm(server, '/login', {
		username: 'secretary',
		password: DEMO_PASSWORD
	});
	expect(lockedAddress.status).toBe(429);
	expect(Number(lockedAddress.headers.get('retry-after'))).toBeGreaterThan(0);
	expect(setCookie(lockedAddress, 'gz_session')).toBeNull();

	// Locked by account or by address, for a real user or a made-up one: one message, which
	// says neither whether the name exists nor whether the password was right.
	const messages = new Set([
		await alert(lockedAddress),
		await alert(await postForm(server, '/login', { username: 'rc-member', password: 'x' })),
		await alert(await postForm(server, '/login', { username: 'ghost-x', password: 'x' }))
	]);
	expect(messages.size).toBe(1);
	const [message] = [...messages];
	expect(message).toMatch(/尝试次数过多/);
	expect(message).not.toMatch(/用户名|密码|不存在/);

	const failed = (await server.services.stores.audit.recent(200)).filter(
		(e) => e.action === 'login_failed'
	);
	expect(failed.length).toBeGreaterThanOrEqual(perAddress);
	expect(failed.some((e) => e.detail?.throttled === true)).toBe(true);
});
