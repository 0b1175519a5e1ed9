import Database from 'better-sqlite3';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashToken } from '../../server/auth/tokens';
import { DEMO_PASSWORD } from '../../server/demo/demoDistrict';
import { get, postForm, setCookie } from '../helpers/http';
import { startTestServer, type TestServer } from '../helpers/server';

let server: TestServer;
beforeAll(async () => {
	server = await startTestServer({ withApp: true });
});
afterAll(async () => {
	await server?.close();
});

const GENERIC_FAILURE = '用户名或密码不正确。';

describe('login', () => {
	it('sets an HttpOnly, SameSite=Lax, Path=/ cookie of at least 128 bits whose hash alone is stored', async () => {
		const res = await postForm(server, '/login', {
			username: 'secretary',
			password: DEMO_PASSWORD,
			redirectTo: '/account'
		});
		expect(res.status).toBe(303);
		expect(res.headers.get('location')).toBe('/account');
		const cookie = setCookie(res, 'gz_session');
		expect(cookie).not.toBeNull();
		const { value: token, attrs } = cookie!;
		expect(attrs).toContain('httponly');
		expect(attrs).toContain('samesite=lax');
		expect(attrs).toContain('path=/');
		expect(attrs).not.toContain('secure'); // plain http on loopback
		expect(token).toMatch(/^[a-z2-7]+$/);
		expect(token.length * 5).toBeGreaterThanOrEqual(128);

		const db = new Database(join(server.dataDir, 'gongzhi.sqlite'), { readonly: true });
		try {
			const ids = (db.prepare('SELECT id FROM sessions').all() as { id: string }[]).map(
				(r) => r.id
			);
			expect(ids).toContain(hashToken(token));
			expect(ids).not.toContain(token);
		} finally {
			db.close();
		}
		const home = await get(server, '/', `gz_session=${token}`);
		expect(home.status).toBe(200);
		expect(await home.text()).toContain('王建华');
	});

	it('refuses an off-site redirectTo and goes home instead', async () => {
		const res = await postForm(server, '/login', {
			username: 'deputy',
			password: DEMO_PASSWORD,
			redirectTo: '//evil.example/steal'
		});
		expect(res.status).toBe(303);
		expect(res.headers.get('location')).toBe('/');
	});

	it('answers a wrong password and an unknown user with the same message', async () => {
		const wrong = await postForm(server, '/login', {
			username: 'rc-member',
			password: 'nope-nope'
		});
		const unknown = await postForm(server, '/login', { username: 'nobody-here', password: 'x' });
		expect(wrong.status).toBe(400);
		expect(unknown.status).toBe(400);
		expect(setCookie(wrong, 'gz_session')).toBeNull();
		const [a, b] = [await wrong.text(), await unknown.text()];
		expect(a).toContain(GENERIC_FAILURE);
		expect(b).toContain(GENERIC_FAILURE);
		const alerts = (html: string) => html.match(/role="alert">([^<]*)</g);
		expect(alerts(a)).toEqual(alerts(b));
	});

	it('slows repeated failures, then answers 429 with Retry-After even for the right password', async () => {
		const timed = async (password: string) => {
			const t0 = performance.now();
			const res = await postForm(server, '/login', { username: 'oc-member', password });
			return { res, ms: performance.now() - t0 };
		};
		const first = await timed('wrong-1');
		expect(first.res.status).toBe(400);
		for (let i = 2; i <= 4; i++) expect((await timed(`wrong-${i}`)).res.status).toBe(400);
		const fifth = await timed('wrong-5');
		expect(fifth.res.status).toBe(400);
		expect(fifth.ms - first.ms).toBeGreaterThan(500);

		const locked = await timed(DEMO_PASSWORD);
		expect(locked.res.status).toBe(429);
		expect(Number(locked.res.headers.get('retry-after'))).toBeGreaterThan(0);
		expect(setCookie(locked.res, 'gz_session')).toBeNull();
	});

	it('shows the demo accounts on the login page while the demo district is loaded', async () => {
		const html = await (await get(server, '/login')).text();
		expect(html).toContain('rc-member');
		expect(html).toContain(DEMO_PASSWORD);
	});
});

describe('page security', () => {
	it('sends a CSP whose script-src has a nonce and no unsafe-inline', async () => {
		const res = await get(server, '/login');
		const csp = res.headers.get('content-security-policy') ?? '';
		const scriptSrc = csp.split(';').find((d) => d.trim().startsWith('script-src')) ?? '';
		expect(scriptSrc).toMatch(/'nonce-[A-Za-z0-9+/=]+'/);
		expect(scriptSrc).not.toContain('unsafe-inline');
		const html = await res.text();
		const nonce = /'nonce-([^']+)'/.exec(scriptSrc)![1];
		for (const tag of html.match(/<script\b[^>]*>/g) ?? []) expect(tag).toContain(nonce);
		expect(html).not.toMatch(/\son[a-z]+=/);
		expect(res.headers.get('x-content-type-options')).toBe('nosniff');
		expect(res.headers.get('referrer-policy')).toBe('same-origin');
		expect(res.headers.get('permissions-policy')).toBeTruthy();
	});

	it('refuses a cross-origin JSON POST with 403, but not the same request from our origin', async () => {
		const cookie = await server.cookieFor('secretary');
		const send = (origin: string) =>
			fetch(`${server.url}/api/documents`, {
				method: 'POST',
				redirect: 'manual',
				headers: { cookie, origin, 'content-type': 'application/json' },
				body: '{}'
			});
		const foreign = await send('http://evil.example');
		expect(foreign.status).toBe(403);
		expect(await foreign.json()).toEqual({ error: 'Forbidden' });
		const own = await send(server.url);
		expect(own.status).not.toBe(403);
	});

	it('refuses a cross-origin form POST to the login action', async () => {
		const res = await fetch(`${server.url}/login`, {
			method: 'POST',
			redirect: 'manual',
			headers: {
				'content-type': 'application/x-www-form-urlencoded',
				origin: 'http://evil.example'
			},
			body: new URLSearchParams({ username: 'secretary', password: DEMO_PASSWORD }).toString()
		});
		expect(res.status).toBe(403);
		expect(setCookie(res, 'gz_session')).toBeNull();
	});

	it('renders in English with large text when the preference cookies say so', async () => {
		const res = await postForm(server, '/settings?/locale', { locale: 'en', redirectTo: '/login' });
		expect(res.status).toBe(303);
		expect(res.headers.get('location')).toBe('/login');
		const locale = setCookie(res, 'gz_locale');
		expect(locale?.value).toBe('en');
		const large = setCookie(
			await postForm(server, '/settings?/largeText', { largeText: '1', redirectTo: '/login' }),
			'gz_large'
		);
		expect(large?.value).toBe('1');
		const html = await (await get(server, '/login', 'gz_locale=en; gz_large=1')).text();
		expect(html).toMatch(/<html lang="en" class="large-text">/);
		expect(html).toContain('Log in');
		const zh = await (await get(server, '/login')).text();
		expect(zh).toMatch(/<html lang="zh-CN" class="">/);
	});
});
