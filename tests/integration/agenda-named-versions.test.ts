import * as Y from 'yjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serverAgenda } from '../../server/meetings/serverAgenda';
import { AGENDA_FRAGMENT } from '../../src/lib/domain/agenda';
import { MAX_NAMED_VERSIONS } from '../../src/lib/domain/agendaVersions';
import { get, postForm } from '../helpers/http';
import { seedAgendaItems } from '../helpers/seedAgendaItems';
import { startTestServer, type TestServer } from '../helpers/server';

/**
 * Issue 6, history: named versions of an agenda, saved from the server's own copy, listed and
 * compared by whoever may read the agenda, saved and restored only by those who may write it
 * while it is open. Over the built app (`npm run build` first).
 */
let server: TestServer;
const cookie: Record<string, string> = {};

beforeAll(async () => {
	server = await startTestServer({ withApp: true });
	for (const u of ['secretary', 'rc-member', 'oc-member', 'resident', 'outsider'])
		cookie[u] = await server.cookieFor(u);
});
afterAll(async () => {
	await server?.close();
});

async function newMeeting(title: string) {
	const { meetings, stores } = server.services;
	const id = await meetings.create('u-secretary', 'c-a', {
		title,
		date: '2026-12-18',
		time: '15:00',
		place: '社区活动室',
		committees: ['residents_committee', 'owners_committee'],
		otherParties: ''
	});
	return { id, agendaId: (await stores.meetings.get(id))!.agendaId };
}

const versionsPath = (agendaId: string) => `/agenda/${agendaId}/versions`;
const save = (agendaId: string, name: string, who: string) =>
	postForm(server, `${versionsPath(agendaId)}?/save`, { name }, cookie[who]);
const restore = (agendaId: string, id: number, who: string) =>
	postForm(server, `${versionsPath(agendaId)}/${id}?/restore`, {}, cookie[who]);

describe('saving, listing and viewing', () => {
	it('a committee member names the current state; the list and the side-by-side view show it', async () => {
		const { agendaId } = await newMeeting('版本会议');
		expect((await save(agendaId, '  会前定稿  ', 'rc-member')).status).toBe(200);
		const [v] = await server.services.stores.agendaVersions.list(agendaId);
		expect(v).toMatchObject({ name: '会前定稿', kind: 'named', authorId: 'u-rc' });
		// The state is the server's copy at that moment.
		const saved = (await server.services.stores.agendaVersions.get(agendaId, v!.id))!;
		const doc = new Y.Doc();
		Y.applyUpdate(doc, saved.state);
		expect(doc.getXmlFragment(AGENDA_FRAGMENT).toJSON()).toContain('版本会议');

		// The agenda changes after the save: the view marks what differs, on both sides.
		await seedAgendaItems(server.services.stores, agendaId, 'u-oc', [
			{ topic: '新增议题：电动车充电桩', decision: 'agreed' }
		]);
		const list = await get(server, versionsPath(agendaId), cookie.secretary);
		expect(list.status).toBe(200);
		const listHtml = await list.text();
		expect(listHtml).toContain('会前定稿');
		expect(listHtml).toContain('李秀英 保存于');

		const view = await get(server, `${versionsPath(agendaId)}/${v!.id}`, cookie['oc-member']);
		expect(view.status).toBe(200);
		const html = await view.text();
		const current = html.slice(html.indexOf('data-testid="side-current"'));
		const version = html.slice(
			html.indexOf('data-testid="side-version"'),
			html.indexOf('data-testid="side-current"')
		);
		expect(current).toContain('新增议题：电动车充电桩');
		expect(version).not.toContain('新增议题：电动车充电桩');
		// The item is the one block that differs: marked on the current side only.
		expect(current.match(/data-changed="true"/g)).toHaveLength(1);
		expect(version).not.toContain('data-changed="true"');
		expect(version).toContain('data-changed="false"');

		const audit = await server.services.stores.audit.recent(20);
		expect(audit.find((e) => e.action === 'agenda_version_saved')).toMatchObject({
			userId: 'u-rc',
			target: `agenda:${agendaId}`,
			scope: 'c-a',
			detail: { name: '会前定稿' }
		});
	});

	it('a name must be 1–40 characters on one line; nothing is saved otherwise', async () => {
		const { agendaId } = await newMeeting('名称校验');
		for (const bad of ['', '   ', '第一行\n第二行', '名'.repeat(41), 'tab\there'])
			expect((await save(agendaId, bad, 'secretary')).status, JSON.stringify(bad)).toBe(400);
		expect(await server.services.stores.agendaVersions.list(agendaId)).toEqual([]);
		expect((await save(agendaId, '名'.repeat(40), 'secretary')).status).toBe(200);
	});

	it(`an agenda keeps at most ${MAX_NAMED_VERSIONS} named versions; the next is refused (409)`, async () => {
		const { agendaId } = await newMeeting('上限');
		const { agendaVersions } = server.services;
		for (let i = 0; i < MAX_NAMED_VERSIONS; i++)
			await agendaVersions.save('u-rc', agendaId, `版本${i}`);
		expect((await save(agendaId, '再来一个', 'rc-member')).status).toBe(409);
		expect(await server.services.stores.agendaVersions.list(agendaId)).toHaveLength(
			MAX_NAMED_VERSIONS
		);
	});
});

describe('who may do what', () => {
	it('an outsider gets the 404 an unknown agenda gets, for the list, a version and both actions', async () => {
		const { agendaId } = await newMeeting('外人');
		const id = await server.services.agendaVersions.save('u-rc', agendaId, 'v1');
		for (const p of [versionsPath(agendaId), `${versionsPath(agendaId)}/${id}`])
			expect((await get(server, p, cookie.outsider)).status, p).toBe(404);
		expect((await save(agendaId, 'x', 'outsider')).status).toBe(404);
		expect((await restore(agendaId, id, 'outsider')).status).toBe(404);
		// A version id of another agenda is unknown here, even to someone who may read both.
		const other = await newMeeting('另一个');
		expect(
			(await get(server, `${versionsPath(other.agendaId)}/${id}`, cookie.secretary)).status
		).toBe(404);
		expect((await restore(other.agendaId, id, 'secretary')).status).toBe(404);
	});

	it('a resident sees nothing of a draft; of a published agenda views versions but cannot save or restore', async () => {
		const { id: meetingId, agendaId } = await newMeeting('居民');
		const id = await server.services.agendaVersions.save('u-rc', agendaId, '会前定稿');
		expect((await get(server, versionsPath(agendaId), cookie.resident)).status).toBe(404);
		expect((await save(agendaId, 'x', 'resident')).status).toBe(404);
		await server.services.meetings.move('u-secretary', meetingId, 'published');
		const list = await get(server, versionsPath(agendaId), cookie.resident);
		expect(list.status).toBe(200);
		const html = await list.text();
		expect(html).toContain('会前定稿');
		expect(html).not.toContain('data-testid="save-version"');
		expect((await get(server, `${versionsPath(agendaId)}/${id}`, cookie.resident)).status).toBe(
			200
		);
		expect((await save(agendaId, 'x', 'resident')).status).toBe(403);
		expect((await restore(agendaId, id, 'resident')).status).toBe(403);
		expect(await server.services.stores.agendaVersions.list(agendaId)).toHaveLength(1);
	});

	it('a minuted agenda refuses a new version and a restore (409); its versions stay readable', async () => {
		const { id: meetingId, agendaId } = await newMeeting('纪要');
		const id = await server.services.agendaVersions.save('u-rc', agendaId, '会前定稿');
		for (const to of ['published', 'in_session', 'minuted'])
			await server.services.meetings.move('u-secretary', meetingId, to);
		expect((await save(agendaId, '纪要后', 'rc-member')).status).toBe(409);
		expect((await restore(agendaId, id, 'secretary')).status).toBe(409);
		expect(await server.services.stores.agendaVersions.list(agendaId)).toHaveLength(1);
		const page = await get(server, `${versionsPath(agendaId)}/${id}`, cookie['rc-member']);
		expect(page.status).toBe(200);
		expect(await page.text()).toContain('data-testid="versions-readonly"');
	});
});

describe('restore', () => {
	it('saves the current text first, hands over the version, and is audited', async () => {
		const { agendaId } = await newMeeting('恢复');
		const { stores, agendaVersions } = server.services;
		const id = await agendaVersions.save('u-rc', agendaId, '会前定稿');
		await seedAgendaItems(stores, agendaId, 'u-oc', [{ topic: '会后追加议题' }]);
		const res = await restore(agendaId, id, 'oc-member');
		expect(res.status).toBe(200);
		const versions = await stores.agendaVersions.list(agendaId);
		expect(versions[0]).toMatchObject({
			kind: 'before_restore',
			name: '恢复「会前定稿」前的内容',
			authorId: 'u-oc'
		});
		const copy = (await stores.agendaVersions.get(agendaId, versions[0]!.id))!;
		const doc = new Y.Doc();
		Y.applyUpdate(doc, copy.state);
		expect(doc.getXmlFragment(AGENDA_FRAGMENT).toJSON()).toContain('会后追加议题');
		// The server changed nothing itself: the restore is the client's edit to make.
		const now = await serverAgenda(stores.yjs, agendaId);
		expect(now.getXmlFragment(AGENDA_FRAGMENT).toJSON()).toContain('会后追加议题');
		now.destroy();
		expect(
			(await stores.audit.recent(10)).find((e) => e.action === 'agenda_version_restored')
		).toMatchObject({
			userId: 'u-oc',
			target: `agenda:${agendaId}`,
			detail: { version: id, name: '会前定稿' }
		});
	});
});
