import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_USERS } from '../../server/demo/demoDistrict';
import type { Role } from '../../src/lib/domain/roles';
import { canDoWithResources } from '../../src/lib/domain/policy';
import { get, postForm } from '../helpers/http';
import { projectInEvaluation } from '../helpers/projectStage';
import { startTestServer, type TestServer } from '../helpers/server';

/**
 * Issue 5, the helper group's resource list (帮帮团 · 资源清单) over the real server: who may
 * publish, request and decide (generated from RESOURCE_POLICY), the boundaries between
 * communities and between departments, decisions taken once, and bad input refused with a
 * clear code and nothing written.
 */
let server: TestServer;
const cookies: Record<string, string> = {};
/** An item of 果园新村街道 (s-guoyuan), above community A: 高振东 (u-dept) answers for it. */
let streetItem: string;
/** An item of the district: no street representative answers for it. */
let districtItem: string;
/** A pending request of the lift board for the street item. */
let pending: string;

async function addUser(id: string, unitId: string, role: Role) {
	const { stores, sessions } = server.services;
	await stores.users.create({ id, username: id, displayName: `名-${id}`, passwordHash: 'x' });
	await stores.org.addMembership({ userId: id, unitId, role });
	cookies[id] = `gz_session=${(await sessions.create(id)).token}`;
}

const ITEM = {
	kind: 'technical',
	title: '楼道照明改造技术指导',
	description: '',
	department: '街道规划建设科',
	contact: '赵工 022-2680-0202'
};

beforeAll(async () => {
	server = await startTestServer({ withApp: true });
	for (const u of DEMO_USERS) cookies[u.id] = await server.cookieFor(u.username);
	// A secretary of community B (same street) and of community C (another street), and a
	// department representative of that other street.
	await addUser('u-sec-b', 'c-b', 'secretary');
	await addUser('u-sec-c', 'c-c', 'secretary');
	await addUser('u-dept-c', 's-jiarong', 'department_rep');
	const { resources } = server.services;
	streetItem = (await resources.publish('u-dept', 's-guoyuan', ITEM)).id;
	districtItem = (
		await resources.publish('u-admin', 'd-beichen', { ...ITEM, department: '区住建委' })
	).id;
	pending = await resources.request('u-secretary', server.boardId, streetItem, '三楼以上灯具老化');
});
afterAll(async () => {
	await server?.close();
});

function api(board: string, user: string, body: unknown) {
	return fetch(`${server.url}/api/boards/${board}/resources`, {
		method: 'POST',
		headers: { cookie: cookies[user]!, origin: server.url, 'content-type': 'application/json' },
		body: typeof body === 'string' ? body : JSON.stringify(body)
	});
}
const requestsOf = (board: string) => server.services.stores.resources.requestsOf(board);
const itemsOf = (unit: string) => server.services.stores.resources.itemsIn([unit]);

describe('publish, request and decide follow RESOURCE_POLICY', () => {
	for (const user of DEMO_USERS) {
		it(`${user.username} (${user.role} in ${user.unitId})`, async () => {
			const { access } = server.services;
			const atStreet = await access.rolesIn(user.id, 's-guoyuan');
			const atBoard = await access.rolesIn(user.id, 'c-a');
			const reads = (await access.document(user.id, server.boardId)) !== null;
			const before = (await itemsOf('s-guoyuan')).length;

			// Publishing with a deliberately bad kind: past the role check it is refused as input.
			const publish = await postForm(
				server,
				'/u/s-guoyuan/resources?/publish',
				{ ...ITEM, kind: 'nonsense' },
				cookies[user.id]
			);
			expect(publish.status, 'publish').toBe(canDoWithResources('publish', atStreet) ? 400 : 403);

			const request = await api(server.boardId, user.id, {
				action: 'request',
				resourceId: 'rs-nope'
			});
			expect(request.status, 'request').toBe(
				!reads ? 404 : canDoWithResources('request', atBoard) ? 400 : 403
			);

			const decide = await api(server.boardId, user.id, {
				action: 'decide',
				requestId: pending,
				decision: 'maybe'
			});
			expect(decide.status, 'decide').toBe(
				!reads ? 404 : canDoWithResources('decide', atStreet) ? 400 : 403
			);

			expect((await itemsOf('s-guoyuan')).length).toBe(before);
			expect((await server.services.stores.resources.request(pending))?.state).toBe('pending');
		});
	}
});

describe('boundaries between communities and departments', () => {
	it('a secretary of another community cannot request for a board that is not theirs', async () => {
		const before = await requestsOf(server.boardId);
		const res = await api(server.boardId, 'u-sec-b', {
			action: 'request',
			resourceId: streetItem,
			note: '借用'
		});
		expect(res.status).toBe(404);
		// The same answer as for a board that does not exist: nothing tells them it is there.
		const missing = await api('4NMNnkMhL8jXrkqEJGPEwm5e6VoP', 'u-sec-b', {
			action: 'request',
			resourceId: streetItem
		});
		expect([missing.status, await missing.text()]).toEqual([404, await res.text()]);
		expect(await requestsOf(server.boardId)).toEqual(before);
	});

	it("a community cannot request another street's items, even for its own project", async () => {
		const board = await server.services.projects.create('u-sec-c', {
			communityId: 'c-c',
			title: '宜兴埠社区楼道照明'
		});
		const res = await api(board, 'u-sec-c', { action: 'request', resourceId: streetItem });
		expect([res.status, await res.json()]).toEqual([400, { error: 'invalid', reason: 'resource' }]);
		// The district's items are every community's to ask for.
		const ok = await api(board, 'u-sec-c', { action: 'request', resourceId: districtItem });
		expect(ok.status).toBe(201);
		expect((await requestsOf(board)).map((r) => r.resourceId)).toEqual([districtItem]);
	});

	it("a department representative cannot decide requests for another unit's items", async () => {
		// Another street's representative cannot even see community A's request.
		const other = await api(server.boardId, 'u-dept-c', {
			action: 'decide',
			requestId: pending,
			decision: 'accepted'
		});
		expect(other.status).toBe(404);
		// The street's representative reads the board but answers only for the street's items.
		const forDistrict = await server.services.resources.request(
			'u-secretary',
			server.boardId,
			districtItem,
			''
		);
		const up = await api(server.boardId, 'u-dept', {
			action: 'decide',
			requestId: forDistrict,
			decision: 'accepted'
		});
		expect([up.status, await up.json()]).toEqual([403, { error: 'forbidden', reason: 'decide' }]);
		const { stores } = server.services;
		expect((await stores.resources.request(pending))?.state).toBe('pending');
		expect((await stores.resources.request(forDistrict))?.state).toBe('pending');
		// The request of another board is not reachable through this board's address.
		const board = await server.services.projects.create('u-secretary', {
			communityId: 'c-a',
			title: '另一个项目'
		});
		const across = await api(board, 'u-dept', {
			action: 'decide',
			requestId: pending,
			decision: 'accepted'
		});
		expect(across.status).toBe(404);
		expect((await stores.resources.request(pending))?.state).toBe('pending');
	});
});

describe('a request is answered once, and both sides are told', () => {
	it('accepting notifies the secretary; deciding again or withdrawing after is 409, nothing changes', async () => {
		const { stores } = server.services;
		const id = await server.services.resources.request(
			'u-secretary',
			server.boardId,
			(
				await server.services.resources.publish('u-dept', 's-guoyuan', {
					...ITEM,
					title: '化粪池清掏'
				})
			).id,
			'每年两次'
		);
		const told = await stores.notifications.forUser('u-dept', 5);
		expect(told[0]).toMatchObject({ kind: 'resource_requested', detail: { requestId: id } });

		const ok = await api(server.boardId, 'u-dept', {
			action: 'decide',
			requestId: id,
			decision: 'accepted',
			comment: '下周二上门'
		});
		expect(ok.status).toBe(200);
		const again = await api(server.boardId, 'u-dept', {
			action: 'decide',
			requestId: id,
			decision: 'declined',
			comment: '改主意了'
		});
		expect([again.status, await again.json()]).toEqual([
			409,
			{ error: 'conflict', reason: 'decided' }
		]);
		const late = await api(server.boardId, 'u-secretary', { action: 'withdraw', requestId: id });
		expect(late.status).toBe(409);
		expect(await stores.resources.request(id)).toMatchObject({
			state: 'accepted',
			closedBy: 'u-dept',
			comment: '下周二上门'
		});
		const back = await stores.notifications.forUser('u-secretary', 5);
		expect(back[0]).toMatchObject({
			kind: 'resource_decided',
			detail: { requestId: id, decision: 'accepted' }
		});
	});

	it('the secretary withdraws a pending request; the department is told and can no longer answer', async () => {
		const { resources, stores } = server.services;
		const item = (await resources.publish('u-dept', 's-guoyuan', { ...ITEM, title: '绿化补植' }))
			.id;
		const id = await resources.request('u-secretary', server.boardId, item, '');
		const res = await api(server.boardId, 'u-secretary', { action: 'withdraw', requestId: id });
		expect(res.status).toBe(200);
		expect((await stores.notifications.forUser('u-dept', 1))[0]?.kind).toBe(
			'resource_request_withdrawn'
		);
		const decide = await api(server.boardId, 'u-dept', {
			action: 'decide',
			requestId: id,
			decision: 'accepted'
		});
		expect([decide.status, await decide.json()]).toEqual([
			409,
			{ error: 'conflict', reason: 'withdrawn' }
		]);
		expect(await stores.resources.request(id)).toMatchObject({
			state: 'withdrawn',
			closedBy: 'u-secretary'
		});
	});
});

describe('bad input is refused with a clear code and nothing is written', () => {
	it('requests: note too long, withdrawn item, asked twice, bad body, unknown action', async () => {
		const { resources } = server.services;
		const item = (
			await resources.publish('u-dept', 's-guoyuan', { ...ITEM, title: '健身器材维修' })
		).id;
		const gone = (await resources.publish('u-dept', 's-guoyuan', { ...ITEM, title: '已停办事项' }))
			.id;
		await resources.setActive('u-dept', gone, false);
		await resources.request('u-secretary', server.boardId, item, '');
		const before = await requestsOf(server.boardId);
		const cases: [unknown, number, Record<string, string>][] = [
			[
				{ action: 'request', resourceId: streetItem, note: '长'.repeat(501) },
				400,
				{ error: 'invalid', reason: 'note' }
			],
			[
				{ action: 'request', resourceId: streetItem, note: 7 },
				400,
				{ error: 'invalid', reason: 'note' }
			],
			[{ action: 'request', resourceId: gone }, 409, { error: 'conflict', reason: 'withdrawn' }],
			[
				{ action: 'request', resourceId: item },
				409,
				{ error: 'conflict', reason: 'already_requested' }
			],
			[{ action: 'request', resourceId: ['x'] }, 400, { error: 'invalid', reason: 'resource' }],
			['not json', 400, { error: 'invalid', reason: 'body' }],
			[{ action: 'grant' }, 400, { error: 'invalid', reason: 'action' }],
			[
				{ action: 'decide', requestId: pending, decision: 'declined', comment: '  ' },
				400,
				{ error: 'invalid', reason: 'comment' }
			],
			[
				{ action: 'decide', requestId: pending, decision: 'accepted', comment: '长'.repeat(501) },
				400,
				{ error: 'invalid', reason: 'comment' }
			]
		];
		for (const [body, status, answer] of cases) {
			const user = JSON.stringify(body).includes('decide') ? 'u-dept' : 'u-secretary';
			const res = await api(server.boardId, user, body);
			expect([res.status, await res.json()], JSON.stringify(body).slice(0, 60)).toEqual([
				status,
				answer
			]);
		}
		expect(await requestsOf(server.boardId)).toEqual(before);
	});

	it('items: missing or over-long fields and a community unit are refused; nothing is listed', async () => {
		const before = await itemsOf('s-guoyuan');
		const cases: [string, Record<string, string>][] = [
			['/u/s-guoyuan/resources?/publish', { ...ITEM, title: '' }],
			['/u/s-guoyuan/resources?/publish', { ...ITEM, title: '长'.repeat(61) }],
			['/u/s-guoyuan/resources?/publish', { ...ITEM, contact: '' }],
			['/u/s-guoyuan/resources?/publish', { ...ITEM, description: '长'.repeat(1001) }],
			['/u/s-guoyuan/resources?/edit', { ...ITEM, id: streetItem, department: '' }]
		];
		for (const [path, fields] of cases) {
			const res = await postForm(server, path, fields, cookies['u-dept']);
			expect(res.status, JSON.stringify(fields).slice(0, 60)).toBe(400);
		}
		// The administrator may publish anywhere in the district, but a community has no list.
		const community = await postForm(server, '/u/c-a/resources?/publish', ITEM, cookies['u-admin']);
		expect(community.status).toBe(400);
		expect(await itemsOf('s-guoyuan')).toEqual(before);
		expect(await itemsOf('c-a')).toEqual([]);
	});
});

describe('a department keeps its list', () => {
	it('edits, withdraws and restores an item, each audited; a withdrawn item is listed only to its keepers', async () => {
		const { resources, stores } = server.services;
		const item = (await resources.publish('u-dept', 's-guoyuan', { ...ITEM, title: '旧标题' })).id;
		const dept = cookies['u-dept'];
		const edit = await postForm(
			server,
			'/u/s-guoyuan/resources?/edit',
			{ ...ITEM, id: item, title: '楼道声控灯更换', kind: 'funds' },
			dept
		);
		expect(edit.status).toBe(200);
		expect(await stores.resources.item(item)).toMatchObject({
			title: '楼道声控灯更换',
			kind: 'funds',
			updatedBy: 'u-dept'
		});
		// The secretary may not touch the street's items.
		const meddle = await postForm(
			server,
			'/u/s-guoyuan/resources?/withdraw',
			{ id: item },
			cookies['u-secretary']
		);
		expect(meddle.status).toBe(403);
		expect(
			(await postForm(server, '/u/s-guoyuan/resources?/withdraw', { id: item }, dept)).status
		).toBe(200);
		expect(
			(await postForm(server, '/u/s-guoyuan/resources?/withdraw', { id: item }, dept)).status
		).toBe(409);
		const listed = async (user: string, path: string) =>
			(await (await get(server, path, cookies[user])).text()).includes('楼道声控灯更换');
		expect(await listed('u-resident', '/u/c-a/resources')).toBe(false);
		expect(await listed('u-dept', '/u/s-guoyuan/resources')).toBe(true);
		// Nobody can ask for it while it is withdrawn.
		const ask = await api(server.boardId, 'u-secretary', { action: 'request', resourceId: item });
		expect(ask.status).toBe(409);
		expect(
			(await postForm(server, '/u/s-guoyuan/resources?/restore', { id: item }, dept)).status
		).toBe(200);
		expect(await listed('u-resident', '/u/c-a/resources')).toBe(true);
		const audited = (await stores.audit.recent(50))
			.filter((e) => e.target === `resource:${item}`)
			.map((e) => [e.action, e.userId, e.scope]);
		expect(audited.reverse()).toEqual([
			['resource_published', 'u-dept', 's-guoyuan'],
			['resource_edited', 'u-dept', 's-guoyuan'],
			['resource_withdrawn', 'u-dept', 's-guoyuan'],
			['resource_restored', 'u-dept', 's-guoyuan']
		]);
	});
});

describe('what readers see', () => {
	it('a resident sees what was requested and its state, but no note, comment or names', async () => {
		const read = async (user: string) => {
			const res = await get(server, `/api/boards/${server.boardId}/resources`, cookies[user]);
			expect(res.status).toBe(200);
			return (await res.json()) as {
				requests: { id: string; state: string; note: string | null; requester: string | null }[];
				can: { request: boolean };
				options: unknown[];
			};
		};
		const resident = await read('u-resident');
		const mine = resident.requests.find((r) => r.id === pending)!;
		expect(mine).toMatchObject({ state: 'pending', note: null, requester: null });
		expect(JSON.stringify(resident)).not.toContain('三楼以上灯具老化');
		expect(resident.can.request).toBe(false);
		expect(resident.options).toEqual([]);
		const secretary = await read('u-secretary');
		expect(secretary.requests.find((r) => r.id === pending)).toMatchObject({
			note: '三楼以上灯具老化',
			requester: '王建华'
		});
		expect(secretary.can.request).toBe(true);
	});

	it('a closed project offers no request form and refuses a new request; what is pending can still be withdrawn', async () => {
		const board = await projectInEvaluation(server, '小区停车位重新划线');
		const asked = await server.services.resources.request('u-secretary', board, streetItem, '');
		await server.services.projects.move('u-secretary', board, 'closed');

		const res = await get(server, `/api/boards/${board}/resources`, cookies['u-secretary']);
		expect(res.status).toBe(200);
		const view = (await res.json()) as {
			requests: { id: string; canWithdraw: boolean }[];
			can: { request: boolean };
			options: unknown[];
		};
		expect(view.can.request).toBe(false);
		expect(view.options).toEqual([]);
		expect(view.requests.find((r) => r.id === asked)?.canWithdraw).toBe(true);

		const refused = await api(board, 'u-secretary', {
			action: 'request',
			resourceId: districtItem
		});
		expect(refused.status).toBe(409);
		expect(await refused.json()).toMatchObject({ reason: 'project_closed' });
		expect((await requestsOf(board)).map((r) => r.id)).toEqual([asked]);

		const withdrawn = await api(board, 'u-secretary', { action: 'withdraw', requestId: asked });
		expect(withdrawn.status).toBe(200);
		expect((await server.services.stores.resources.request(asked))?.state).toBe('withdrawn');
	});

	it("the unit page lists the street's and district's items; the department sees its inbox", async () => {
		const resident = await get(server, '/u/c-a/resources', cookies['u-resident']);
		expect(resident.status).toBe(200);
		const html = await resident.text();
		expect(html).toContain('楼道照明改造技术指导');
		expect(html).toContain('既有住宅加装电梯财政补贴');
		expect(html).not.toContain('三楼以上灯具老化');
		expect(html).not.toContain('action="?/publish"');
		const dept = await get(server, '/u/s-guoyuan/resources', cookies['u-dept']);
		const page = await dept.text();
		expect(page).toContain('data-testid="resource-inbox"');
		expect(page).toContain('三楼以上灯具老化');
		expect(page).toContain('action="?/publish"');
		// The other street's representative sees the district list but not this street's inbox.
		const other = await (await get(server, '/u/d-beichen/resources', cookies['u-dept-c'])).text();
		expect(other).toContain('既有住宅加装电梯财政补贴');
		expect(other).not.toContain('三楼以上灯具老化');
	});
});
