import Database from 'better-sqlite3';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashToken } from '../../server/auth/tokens';
import { get, login, postForm, setCookie } from '../helpers/http';
import { startTestServer, type TestServer } from '../helpers/server';

let server: TestServer;
let secretary: string;
beforeAll(async () => {
	server = await startTestServer({ withApp: true });
	secretary = await server.cookieFor('secretary');
});
afterAll(async () => {
	await server?.close();
});

const MEMBERS = '/c/c-a/members';

/** Creates an invite through the members page as `cookie`; returns the raw token from the link. */
async function createInvite(role: string, cookie = secretary, days = '3'): Promise<string> {
	const res = await postForm(server, `${MEMBERS}?/invite`, { role, days }, cookie);
	expect(res.status).toBe(200);
	const token = /\/invite\/([a-z2-7]{32})</.exec(await res.text())?.[1];
	if (!token) throw new Error('no invite link on the page');
	return token;
}

let n = 0;
function register(token: string, username = `newcomer${++n}`) {
	return postForm(server, `/invite/${token}?/register`, {
		username,
		displayName: '新居民',
		password: 'welcome-home-1'
	});
}

describe('invites', () => {
	it('register a new person once, with the role and a session; the hash alone is stored', async () => {
		const token = await createInvite('resident');
		const page = await (await get(server, `/invite/${token}`)).text();
		expect(page).toContain('丽泽园社区');
		expect(page).toContain('居民');

		const first = await register(token, 'neighbour-one');
		expect(first.status).toBe(303);
		expect(first.headers.get('location')).toBe('/');
		const cookie = setCookie(first, 'gz_session');
		expect(cookie).not.toBeNull();
		const docs = (await (
			await get(server, '/api/documents', `gz_session=${cookie!.value}`)
		).json()) as { access: string }[];
		// Every document of community A, and each one read-only (the demo holds several boards).
		const inA = await server.services.stores.documents.inCommunities(['c-a']);
		expect(inA.length).toBeGreaterThanOrEqual(2);
		expect(docs.map((d) => d.access)).toEqual(inA.map(() => 'read'));

		const again = await register(token, 'neighbour-two');
		expect(again.status).toBe(410);
		expect(await server.services.stores.users.byUsername('neighbour-two')).toBeNull();
		expect(await (await get(server, `/invite/${token}`)).text()).toContain('邀请链接无效');

		const stored = await server.services.stores.invites.invite(hashToken(token));
		expect(stored?.usedBy).toBe(
			(await server.services.stores.users.byUsername('neighbour-one'))?.id
		);
		expect(await server.services.stores.invites.invite(token)).toBeNull();
	});

	it('can be accepted by a logged-in person, who gains the role', async () => {
		const token = await createInvite('owners_committee');
		const outsider = await server.cookieFor('outsider');
		const res = await postForm(server, `/invite/${token}?/accept`, {}, outsider);
		expect(res.status).toBe(303);
		const docs = (await (await get(server, '/api/documents', outsider)).json()) as {
			communityId: string;
			access: string;
		}[];
		const inA = await server.services.stores.documents.inCommunities(['c-a']);
		// Written by a committee member, except an agenda closed to edits (the demo's minuted
		// meeting) and a closed project's board (the demo's passed project): read-only for everyone.
		const { access, stores } = server.services;
		const open = await Promise.all(
			inA.map(async (d) =>
				d.kind === 'board'
					? (await stores.projects.get(d.id))?.stage !== 'closed'
					: access.agendaOpen(d.id)
			)
		);
		expect(inA.filter((d, i) => !open[i]).map((d) => d.kind)).toEqual(
			expect.arrayContaining(['agenda', 'board'])
		);
		expect(docs.filter((d) => d.communityId === 'c-a').map((d) => d.access)).toEqual(
			open.map((o) => (o ? 'write' : 'read'))
		);
	});

	it('stop working once expired', async () => {
		const token = await createInvite('resident');
		const db = new Database(join(server.dataDir, 'gongzhi.sqlite'));
		try {
			db.prepare('UPDATE invites SET expires_at = ? WHERE id = ?').run(
				Date.now() - 1,
				hashToken(token)
			);
		} finally {
			db.close();
		}
		expect((await register(token)).status).toBe(410);
	});

	it('stop working once revoked', async () => {
		const token = await createInvite('resident');
		const revoke = await postForm(
			server,
			`${MEMBERS}?/revoke`,
			{ id: hashToken(token) },
			secretary
		);
		expect(revoke.status).toBe(200);
		expect((await register(token)).status).toBe(410);
	});

	it('never grant a role the inviter may not grant', async () => {
		const res = await postForm(
			server,
			`${MEMBERS}?/invite`,
			{ role: 'deputy', days: '3' },
			secretary
		);
		expect(res.status).toBe(400);
		expect(await res.text()).toContain('你不能授予这个角色');
		expect(await server.services.stores.invites.invitesFor('c-a')).not.toContainEqual(
			expect.objectContaining({ role: 'deputy' })
		);
	});

	it('are checked again at accept time: an inviter who lost the role cannot grant it', async () => {
		// A second secretary, invited by the first, invites someone and then loses the role.
		const secondToken = await createInvite('secretary');
		const second = setCookie(await register(secondToken, 'second-secretary'), 'gz_session');
		const secondCookie = `gz_session=${second!.value}`;
		const token = await createInvite('residents_committee', secondCookie);
		const secondUser = await server.services.stores.users.byUsername('second-secretary');
		await server.services.stores.org.removeMembership(secondUser!.id, 'c-a', 'secretary');
		expect((await register(token)).status).toBe(410);
	});

	it('and the members page are for secretaries only: others get 404', async () => {
		const rc = await server.cookieFor('rc-member');
		expect((await get(server, MEMBERS, rc)).status).toBe(404);
		expect(
			(await postForm(server, `${MEMBERS}?/invite`, { role: 'resident', days: '3' }, rc)).status
		).toBe(404);
		expect((await get(server, '/c/c-b/members', secretary)).status).toBe(404);
		expect((await get(server, MEMBERS, secretary)).status).toBe(200);
	});
});

describe('reset codes', () => {
	it('set a new password once and end every session of that user', async () => {
		const before = await server.cookieFor('resident');
		const issued = await postForm(
			server,
			`${MEMBERS}?/resetCode`,
			{ userId: 'u-resident' },
			secretary
		);
		expect(issued.status).toBe(200);
		const code = /class="secret[^"]*">([a-z2-7]{10})</.exec(await issued.text())?.[1];
		expect(code).toBeTruthy();

		const reset = await postForm(server, '/reset', {
			username: 'resident',
			code: code!.toUpperCase(),
			new: 'fresh-password-1'
		});
		expect(reset.status).toBe(200);
		expect(await reset.text()).toContain('密码已设置');
		expect((await get(server, '/api/documents', before)).status).toBe(401);
		await login(server, 'resident', 'fresh-password-1');

		const twice = await postForm(server, '/reset', {
			username: 'resident',
			code: code!,
			new: 'another-password-2'
		});
		expect(twice.status).toBe(400);
		expect(await twice.text()).toContain('用户名或重置码不正确');
		await login(server, 'resident', 'fresh-password-1');
		const actions = (await server.services.stores.audit.recent(100)).map((e) => e.action);
		expect(actions).toEqual(expect.arrayContaining(['reset_code_issued', 'password_reset']));
	});

	it('are only issued for members of the community', async () => {
		// The deputy holds a district role, not a membership of community A.
		const res = await postForm(server, `${MEMBERS}?/resetCode`, { userId: 'u-deputy' }, secretary);
		expect(res.status).toBe(400);
		expect(await res.text()).not.toMatch(/class="secret/);
	});
});
