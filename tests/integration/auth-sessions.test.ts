import Database from 'better-sqlite3';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { hashToken } from '../../server/auth/tokens';
import { DEMO_PASSWORD } from '../../server/demo/demoDistrict';
import { get, login, postForm, setCookie } from '../helpers/http';
import { startTestServer, type TestServer } from '../helpers/server';

let server: TestServer;
beforeAll(async () => {
	server = await startTestServer({ withApp: true });
});
afterAll(async () => {
	await server?.close();
});

/** The HTTP status a websocket upgrade to `path` is answered with (101 when it opens). */
function upgradeStatus(path: string, cookie: string): Promise<number> {
	return new Promise((resolve, reject) => {
		const ws = new WebSocket(server.wsUrl + path, { headers: { cookie, origin: server.url } });
		ws.on('open', () => {
			ws.close();
			resolve(101);
		});
		ws.on('unexpected-response', (_req, res) => {
			resolve(res.statusCode ?? 0);
			res.resume();
		});
		ws.on('error', (err) => reject(err));
	});
}

const documentsStatus = async (cookie: string) =>
	(await get(server, '/api/documents', cookie)).status;

describe('logout', () => {
	it('ends the session everywhere: pages redirect to login, the API and sockets answer 401', async () => {
		const cookie = await login(server, 'rc-member', DEMO_PASSWORD);
		expect((await get(server, '/', cookie)).status).toBe(200);
		expect(await documentsStatus(cookie)).toBe(200);
		expect(await upgradeStatus('/sync/automerge', cookie)).not.toBe(401);

		const out = await postForm(server, '/logout', {}, cookie);
		expect(out.status).toBe(303);
		expect(out.headers.get('location')).toBe('/login');
		expect(out.headers.get('clear-site-data')).toBe('"cache", "storage"');
		const cleared = setCookie(out, 'gz_session');
		expect(cleared?.value).toBe('');

		const page = await get(server, '/', cookie);
		expect(page.status).toBe(303);
		expect(page.headers.get('location')).toMatch(/^\/login/);
		expect(await documentsStatus(cookie)).toBe(401);
		expect(await upgradeStatus('/sync/automerge', cookie)).toBe(401);
	});

	it('is POST only', async () => {
		const cookie = await server.cookieFor('resident');
		const res = await get(server, '/logout', cookie);
		expect(res.status).toBe(405);
		expect(await documentsStatus(cookie)).toBe(200);
	});
});

describe('sliding expiry', () => {
	it('sends the cookie again, with the later expiry, when a request renews the session', async () => {
		const cookie = await server.cookieFor('deputy');
		const token = cookie.split('=')[1]!;
		const fresh = await get(server, '/', cookie);
		expect(setCookie(fresh, 'gz_session')).toBeNull();

		const db = new Database(join(server.dataDir, 'gongzhi.sqlite'));
		try {
			const soon = Date.now() + 24 * 60 * 60 * 1000;
			db.prepare('UPDATE sessions SET expires_at = ? WHERE id = ?').run(soon, hashToken(token));
		} finally {
			db.close();
		}
		const renewed = setCookie(await get(server, '/', cookie), 'gz_session');
		expect(renewed?.value).toBe(token);
		const expires = renewed!.attrs.find((a) => a.startsWith('expires='))!.slice(8);
		expect(Date.parse(expires)).toBeGreaterThan(Date.now() + 20 * 24 * 60 * 60 * 1000);
		expect(renewed!.attrs).toContain('httponly');
	});
});

describe('password change', () => {
	it('needs the current password and ends the other sessions, keeping this one', async () => {
		const here = await login(server, 'pm-staff', DEMO_PASSWORD);
		const elsewhere = await login(server, 'pm-staff', DEMO_PASSWORD);

		const wrong = await postForm(
			server,
			'/account?/password',
			{ current: 'not-it-at-all', new: 'a-new-password' },
			here
		);
		expect(wrong.status).toBe(400);
		expect(await documentsStatus(elsewhere)).toBe(200);

		const short = await postForm(
			server,
			'/account?/password',
			{ current: DEMO_PASSWORD, new: 'short' },
			here
		);
		expect(short.status).toBe(400);

		const ok = await postForm(
			server,
			'/account?/password',
			{ current: DEMO_PASSWORD, new: 'a-new-password' },
			here
		);
		expect(ok.status).toBe(200);
		expect(await ok.text()).toContain('密码已修改');
		expect(await documentsStatus(here)).toBe(200);
		expect(await documentsStatus(elsewhere)).toBe(401);

		expect(
			(await postForm(server, '/login', { username: 'pm-staff', password: DEMO_PASSWORD })).status
		).toBe(400);
		await login(server, 'pm-staff', 'a-new-password');
		const audit = await server.services.stores.audit.recent(50);
		expect(audit.some((e) => e.action === 'password_changed' && e.userId === 'u-pm')).toBe(true);
	});
});

describe('GET /api/documents', () => {
	const list = async (username: string) => {
		const res = await get(server, '/api/documents', await server.cookieFor(username));
		expect(res.status).toBe(200);
		return (await res.json()) as Record<string, unknown>[];
	};

	it('gives the secretary write access to the demo agenda and board, in exactly the agreed shape', async () => {
		const all = await list('secretary');
		for (const d of all) expect(d.communityId).toBe('c-a');
		// The demo's other project boards (evaluation, stages) are checked by their own tests.
		const docs = all.filter((d) => d.id === server.agendaId || d.id === server.boardId);
		expect(docs).toHaveLength(2);
		for (const d of docs) {
			expect(Object.keys(d).sort()).toEqual(['access', 'communityId', 'id', 'kind', 'title']);
		}
		expect(docs.find((d) => d.kind === 'agenda')).toMatchObject({
			id: server.agendaId,
			communityId: 'c-a',
			access: 'write'
		});
		expect(docs.find((d) => d.kind === 'board')).toMatchObject({
			id: server.boardId,
			communityId: 'c-a',
			access: 'write'
		});
	});

	it('gives a resident read access to both', async () => {
		const all = await list('resident');
		expect(all.every((d) => d.access === 'read')).toBe(true);
		const docs = all.filter((d) => d.id === server.agendaId || d.id === server.boardId);
		expect(docs.map((d) => [d.kind, d.access]).sort()).toEqual([
			['agenda', 'read'],
			['board', 'read']
		]);
	});

	it('shows an outsider nothing of community A', async () => {
		const docs = await list('outsider');
		expect(docs.filter((d) => d.communityId === 'c-a')).toEqual([]);
	});

	it('answers 401 in JSON without a session, or with a made-up one', async () => {
		const none = await get(server, '/api/documents');
		expect(none.status).toBe(401);
		expect(await none.json()).toEqual({ error: 'Unauthorized' });
		expect(await documentsStatus('gz_session=aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa')).toBe(401);
	});
});

describe('home page', () => {
	it('lists the documents with links and access, and the members link only for the secretary', async () => {
		const sec = await (await get(server, '/', await server.cookieFor('secretary'))).text();
		expect(sec).toContain(`href="/agenda/${server.agendaId}"`);
		expect(sec).toContain(`href="/board/${server.boardId}"`);
		expect(sec).toContain('可编辑');
		// resolve() renders paths relative to the page in SSR: `./c/c-a/members` on `/`.
		expect(sec).toMatch(/href="\.?\/c\/c-a\/members"/);
		const res = await (await get(server, '/', await server.cookieFor('resident'))).text();
		expect(res).toContain('只读');
		expect(res).not.toContain('/c/c-a/members');
	});

	it('sends a visitor without a session to the login page, coming back afterwards', async () => {
		const res = await get(server, '/account');
		expect(res.status).toBe(303);
		expect(res.headers.get('location')).toBe('/login?redirectTo=%2Faccount');
	});
});
