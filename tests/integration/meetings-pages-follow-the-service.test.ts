import { afterAll, beforeAll, expect, test } from 'vitest';
import { get, postForm } from '../helpers/http';
import { startTestServer, type TestServer } from '../helpers/server';

/**
 * The meeting pages over HTTP (the built app; `npm run build` first): the forms reach the
 * service with the session's user and nothing else, and a refusal comes back as its status.
 */
let server: TestServer;
const cookie: Record<string, string> = {};
beforeAll(async () => {
	server = await startTestServer({ withApp: true });
	for (const u of ['secretary', 'rc-member', 'oc-member', 'resident', 'party-member'])
		cookie[u] = await server.cookieFor(u);
});
afterAll(async () => {
	await server?.close();
});

test('the secretary creates a meeting through the form; a committee member cannot', async () => {
	const fields = {
		title: '表单会议',
		date: '2026-12-20',
		time: '10:00',
		place: '活动室',
		committees: 'owners_committee',
		otherParties: ''
	};
	const refused = await postForm(server, '/c/c-a/meetings?/create', fields, cookie['rc-member']);
	expect(refused.status).toBe(403);
	const bad = await postForm(
		server,
		'/c/c-a/meetings?/create',
		{ ...fields, date: '2026-02-30' },
		cookie.secretary
	);
	expect(bad.status).toBe(400);
	const res = await postForm(server, '/c/c-a/meetings?/create', fields, cookie.secretary);
	expect(res.status).toBe(303);
	const id = /^\/m\/(mt-[0-9a-f-]{36})$/.exec(res.headers.get('location') ?? '')?.[1];
	expect(id).toBeDefined();
	const m = (await server.services.stores.meetings.get(id!))!;
	expect([m.title, m.committees, m.createdBy, m.state]).toEqual([
		'表单会议',
		['owners_committee'],
		'u-secretary',
		'draft'
	]);
});

test('a draft page is 404 for a resident until published; moves and signatures follow the rules', async () => {
	const id = await server.services.meetings.create('u-secretary', 'c-a', {
		title: '页面会议',
		date: '2026-12-21',
		time: '10:00',
		place: '活动室',
		committees: ['residents_committee', 'owners_committee'],
		otherParties: ''
	});
	const page = `/m/${id}`;
	expect((await get(server, page, cookie.resident)).status).toBe(404);
	expect((await get(server, page, cookie['oc-member'])).status).toBe(200);
	expect((await get(server, '/c/c-a/meetings', cookie.resident)).status).toBe(200);
	expect(await (await get(server, '/c/c-a/meetings', cookie.resident)).text()).not.toContain(
		'页面会议'
	);

	// A resident's POST on a draft is the 404 an unknown meeting gets; a committee member's is 403.
	expect(
		(await postForm(server, `${page}?/move`, { to: 'published' }, cookie.resident)).status
	).toBe(404);
	expect(
		(await postForm(server, `${page}?/move`, { to: 'published' }, cookie['rc-member'])).status
	).toBe(403);
	expect(
		(await postForm(server, `${page}?/move`, { to: 'minuted' }, cookie.secretary)).status
	).toBe(409);
	for (const to of ['published', 'in_session']) {
		expect((await postForm(server, `${page}?/move`, { to }, cookie.secretary)).status).toBe(200);
	}
	expect((await get(server, page, cookie.resident)).status).toBe(200);

	// The owners' committee member cannot sign for the residents' committee; a party member not at all.
	const sign = (who: string, committee: string) =>
		postForm(server, `${page}?/sign`, { committee }, cookie[who]);
	expect((await sign('oc-member', 'residents_committee')).status).toBe(403);
	expect((await sign('party-member', 'residents_committee')).status).toBe(403);
	expect((await sign('rc-member', 'residents_committee')).status).toBe(200);
	expect((await sign('oc-member', 'owners_committee')).status).toBe(200);
	const sigs = await server.services.stores.meetings.signatures(id);
	expect(sigs.map((s) => [s.committee, s.signerId])).toEqual([
		['residents_committee', 'u-rc'],
		['owners_committee', 'u-oc']
	]);
	const withdraw = (who: string) =>
		postForm(server, `${page}?/withdraw`, { signature: String(sigs[0]!.id) }, cookie[who]);
	expect((await withdraw('oc-member')).status).toBe(403);
	expect((await withdraw('rc-member')).status).toBe(200);
	expect((await server.services.stores.meetings.signatures(id))[0]!.withdrawnAt).not.toBeNull();

	const html = await (await get(server, page, cookie.secretary)).text();
	expect(html).toContain('李秀英 的签署已撤回');
	expect(html).toContain('张国强 已签署');
});

test('the action list: one board per community, made on first visit, never a project', async () => {
	const { stores, actionLists, projects } = server.services;
	// Two first visits at once make one list.
	const [a, b] = await Promise.all([
		actionLists.ensure('u-resident', 'c-a'),
		actionLists.ensure('u-rc', 'c-a')
	]);
	expect(a).toBe(b);
	const res = await get(server, '/c/c-a/actions', cookie.resident);
	expect(res.status).toBe(303);
	expect(res.headers.get('location')).toBe(`/board/${a}`);
	expect((await stores.documents.inCommunities(['c-a'])).filter((d) => d.id === a)).toHaveLength(1);
	expect(await stores.actionLists.ofCommunity('c-a')).toMatchObject({ boardId: a });

	const page = await get(server, `/board/${a}`, cookie.secretary);
	expect(page.status).toBe(200);
	const html = await page.text();
	expect(html).toContain('社区行动清单');
	// Labelled as the action list, not as a project board; no stage or evaluation is loaded.
	expect(html).not.toContain('书记项目看板');
	expect(html).toMatch(/actionList:true,project:null/);
	// Neither viewing nor a stage move makes it a project.
	await expect(projects.view('u-secretary', a)).rejects.toMatchObject({ code: 'not_found' });
	expect(
		(await postForm(server, `/board/${a}?/move`, { to: 'pledge' }, cookie.secretary)).status
	).toBe(404);
	expect(await stores.projects.get(a)).toBeNull();
	// Another community's resident gets the 404 an unknown community gets.
	expect((await get(server, '/c/c-a/actions', await server.cookieFor('outsider'))).status).toBe(
		404
	);
});
