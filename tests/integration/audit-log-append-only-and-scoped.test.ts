import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../../server/demo/demoDistrict';
import { get, login, postForm } from '../helpers/http';
import { startTestServer, type TestServer } from '../helpers/server';

/**
 * Issue 3 item 13: security-relevant actions are recorded, each reader sees their part (the
 * secretary their community, the district administrator their district and the account-level
 * entries), and nothing in the application can edit or delete an entry.
 */
let server: TestServer;
beforeAll(async () => {
	server = await startTestServer({ withApp: true });
	// Something to read: a failed and a good login, an invitation and a role removal in A, an
	// invitation in B (made by a secretary of B set up for the purpose).
	await postForm(server, '/login', { username: 'resident', password: 'wrong-password' });
	const sec = await login(server, 'secretary', DEMO_PASSWORD);
	await postForm(server, '/c/c-a/members?/invite', { role: 'resident', days: '3' }, sec);
	await postForm(
		server,
		'/c/c-a/members?/removeRole',
		{ userId: 'u-resident', role: 'resident' },
		sec
	);
	await server.services.stores.org.addMembership({
		userId: 'u-outsider',
		unitId: 'c-b',
		role: 'secretary'
	});
	await postForm(
		server,
		'/c/c-b/members?/invite',
		{ role: 'resident', days: '3' },
		await server.cookieFor('outsider')
	);
});
afterAll(async () => {
	await server?.close();
});

const actionsOn = (html: string) => [...html.matchAll(/data-action="([a-z_]+)"/g)].map((m) => m[1]);

describe('who reads which entries', () => {
	it("the secretary reads their community's entries, and only those", async () => {
		const res = await get(server, '/c/c-a/audit', await server.cookieFor('secretary'));
		expect(res.status).toBe(200);
		const html = await res.text();
		const actions = actionsOn(html);
		expect(actions).toEqual(expect.arrayContaining(['role_removed', 'invite_created']));
		// Logins are account-level, and community B's invitation is B's.
		expect(actions).not.toContain('login');
		expect(actions).not.toContain('login_failed');
		expect(actions.filter((a) => a === 'invite_created')).toHaveLength(1);
		expect(html).toContain('移除角色');
		expect(html).toContain('陈桂兰'); // the subject by name, not id
		expect((await get(server, '/c/c-b/audit', await server.cookieFor('secretary'))).status).toBe(
			404
		);
	});

	it('the district administrator reads the whole district, logins and failures included', async () => {
		const res = await get(server, '/admin/audit', await server.cookieFor('admin'));
		expect(res.status).toBe(200);
		const actions = actionsOn(await res.text());
		expect(actions).toEqual(
			expect.arrayContaining(['login', 'login_failed', 'role_removed', 'invite_created'])
		);
		expect(actions.filter((a) => a === 'invite_created')).toHaveLength(2);
		const en = await get(
			server,
			'/admin/audit',
			`${await server.cookieFor('admin')}; gz_locale=en`
		);
		expect(await en.text()).toContain('Failed login');
	});

	it('nobody else reads any of it', async () => {
		for (const who of ['rc-member', 'deputy', 'resident']) {
			const cookie = await server.cookieFor(who);
			expect((await get(server, '/c/c-a/audit', cookie)).status, who).toBe(404);
			expect((await get(server, '/admin/audit', cookie)).status, who).toBe(404);
		}
		expect((await get(server, '/admin/audit')).status).toBe(303);
	});
});

describe('nobody can edit or delete an entry through the application', () => {
	it('the audit pages take no writes', async () => {
		const before = (await server.services.stores.audit.recent(1000)).length;
		for (const [path, who] of [
			['/c/c-a/audit', 'secretary'],
			['/admin/audit', 'admin']
		] as const) {
			const cookie = await server.cookieFor(who);
			for (const method of ['POST', 'PUT', 'PATCH', 'DELETE']) {
				const res = await fetch(server.url + path, {
					method,
					redirect: 'manual',
					headers: {
						cookie,
						origin: server.url,
						'content-type': 'application/x-www-form-urlencoded'
					},
					body: 'id=1'
				});
				expect(res.status, `${method} ${path}`).toBeGreaterThanOrEqual(400);
			}
		}
		expect((await server.services.stores.audit.recent(1000)).length).toBe(before);
	});

	it('no code outside the audit stores and their schemas touches the audit_log table', () => {
		const offenders: string[] = [];
		const walk = (dir: string) => {
			for (const f of readdirSync(dir)) {
				const full = join(dir, f);
				if (statSync(full).isDirectory()) walk(full);
				else if (/\.(ts|svelte|js)$/.test(f) && /audit_log/i.test(readFileSync(full, 'utf8')))
					offenders.push(full.slice(process.cwd().length + 1));
			}
		};
		walk(join(process.cwd(), 'src'));
		walk(join(process.cwd(), 'server'));
		expect(offenders.sort()).toEqual([
			'server/storage/pg/PgAuditLog.ts',
			'server/storage/pg/schema/core.ts',
			'server/storage/sqlite/SqliteAuditLog.ts',
			'server/storage/sqlite/migrations.ts'
		]);
		for (const file of [
			'server/storage/sqlite/SqliteAuditLog.ts',
			'server/storage/pg/PgAuditLog.ts'
		])
			expect(readFileSync(join(process.cwd(), file), 'utf8')).not.toMatch(
				/\b(UPDATE|DELETE|REPLACE|DROP|TRUNCATE)\b/i
			);
	});
});
