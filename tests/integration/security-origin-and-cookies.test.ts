import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../../server/demo/demoDistrict';
import { YJS_SYNC_PATH } from '../../src/lib/domain/yjsProtocol';
import { setCookie } from '../helpers/http';
import { startTestServer, type TestServer } from '../helpers/server';
import { upgradeStatus } from '../helpers/yjsClient';

/**
 * Issue 3 item 2 behind a TLS proxy: ORIGIN=https://… configured. The plain-http half (HttpOnly,
 * SameSite, no Secure on loopback, a foreign JSON POST and login form POST refused) is in
 * auth-login.test.ts. adapter-node reads ORIGIN from the environment when its handler loads,
 * and vitest runs each file in its own worker, so setting it here affects this file only.
 */
const ORIGIN = 'https://gongzhi.example';
const FOREIGN = 'https://evil.example';
let server: TestServer;
beforeAll(async () => {
	process.env.ORIGIN = ORIGIN;
	server = await startTestServer({ withApp: true, config: { origin: ORIGIN } });
});
afterAll(async () => {
	delete process.env.ORIGIN;
	await server?.close();
});

function form(path: string, fields: Record<string, string>, origin: string, cookie?: string) {
	return fetch(server.url + path, {
		method: 'POST',
		redirect: 'manual',
		headers: {
			'content-type': 'application/x-www-form-urlencoded',
			accept: 'text/html',
			origin,
			...(cookie ? { cookie } : {})
		},
		body: new URLSearchParams(fields).toString()
	});
}

describe('behind HTTPS', () => {
	it('the session cookie is Secure, HttpOnly and SameSite=Lax', async () => {
		const res = await form('/login', { username: 'secretary', password: DEMO_PASSWORD }, ORIGIN);
		expect(res.status).toBe(303);
		const cookie = setCookie(res, 'gz_session');
		expect(cookie?.attrs).toEqual(expect.arrayContaining(['secure', 'httponly', 'samesite=lax']));
	});

	it('a cross-origin form POST with a valid session gets 403 and changes nothing', async () => {
		const cookie = await server.cookieFor('secretary');
		const before = (await server.services.stores.invites.invitesFor('c-a')).length;
		const res = await form(
			'/c/c-a/members?/invite',
			{ role: 'secretary', days: '7' },
			FOREIGN,
			cookie
		);
		expect(res.status).toBe(403);
		const removal = await form(
			'/c/c-a/members?/removeRole',
			{ userId: 'u-rc', role: 'residents_committee' },
			FOREIGN,
			cookie
		);
		expect(removal.status).toBe(403);
		expect((await server.services.stores.invites.invitesFor('c-a')).length).toBe(before);
		expect([...(await server.services.access.rolesIn('u-rc', 'c-a'))]).toContain(
			'residents_committee'
		);
		// The same post from the configured origin goes through: the 403 was the Origin's doing.
		const own = await form(
			'/c/c-a/members?/invite',
			{ role: 'resident', days: '7' },
			ORIGIN,
			cookie
		);
		expect(own.status).toBe(200);
	});

	it('a form POST without any Origin is refused too', async () => {
		const cookie = await server.cookieFor('admin');
		const res = await fetch(`${server.url}/admin?/disable`, {
			method: 'POST',
			redirect: 'manual',
			headers: { 'content-type': 'application/x-www-form-urlencoded', cookie },
			body: 'userId=u-resident'
		});
		expect(res.status).toBe(403);
		expect((await server.services.stores.users.byId('u-resident'))?.disabled).toBe(false);
	});

	it('JSON writes with a foreign Origin get 403 whatever the method', async () => {
		const cookie = await server.cookieFor('secretary');
		for (const method of ['POST', 'PUT', 'PATCH', 'DELETE']) {
			const res = await fetch(`${server.url}/api/documents`, {
				method,
				headers: { cookie, origin: FOREIGN, 'content-type': 'application/json' },
				body: '{}'
			});
			expect(res.status, method).toBe(403);
		}
	});

	it('a websocket upgrade with a foreign Origin is refused on both endpoints even with a valid cookie', async () => {
		const cookie = await server.cookieFor('secretary');
		const urls = [
			`${server.wsUrl}${YJS_SYNC_PATH}/${server.agendaId}`,
			`${server.wsUrl}/sync/automerge`
		];
		for (const url of urls) {
			expect(await upgradeStatus(url, { Cookie: cookie, Origin: ORIGIN }), url).toBe(101);
			expect(await upgradeStatus(url, { Cookie: cookie, Origin: FOREIGN }), url).toBe(403);
			// The host the request came to is not enough once ORIGIN is set: a proxy's public name is.
			expect(await upgradeStatus(url, { Cookie: cookie, Origin: server.url }), url).toBe(403);
			expect(await upgradeStatus(url, { Cookie: cookie }), url).toBe(403);
		}
	});
});
