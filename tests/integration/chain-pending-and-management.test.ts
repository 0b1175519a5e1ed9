import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { get, login, postForm } from '../helpers/http';
import { filePending, PENDING_PASSWORD } from '../helpers/pendingRegistration';
import { startTestServer, type TestServer } from '../helpers/server';

/**
 * Issue 4, the four-level chain: a resident registered without a code waits, with no access, for
 * the grid leader of their grid (or the secretary); the secretary keeps grids, buildings and the
 * people in charge of them.
 */
let server: TestServer;
let secretary: string;
let gridLeader: string;
beforeAll(async () => {
	server = await startTestServer({ withApp: true });
	secretary = await server.cookieFor('secretary');
	gridLeader = await server.cookieFor('grid-leader');
});
afterAll(async () => {
	await server?.close();
});

describe('residents waiting for their grid leader', () => {
	it('a pending registrant has no access until confirmed, and then only the resident role', async () => {
		const pending = await filePending(server, {
			phone: '13700000001',
			grid: 'c-a-g2',
			building: 'c-a-g2-b4'
		});
		expect(pending).toMatchObject({ status: 'pending', gridId: 'c-a-g2', confirmedBy: null });
		const { access, stores } = server.services;
		expect(await stores.org.membershipsOf(pending.userId)).toEqual([]);
		const cookie = await login(server, '13700000001', PENDING_PASSWORD);
		expect((await get(server, `/agenda/${server.agendaId}`, cookie)).status).toBe(404);
		expect(await access.communitiesOf(pending.userId)).toEqual([]);

		const res = await postForm(
			server,
			'/c/c-a/chain?/confirm',
			{ userId: pending.userId },
			secretary
		);
		expect(res.status).toBe(200);
		expect((await stores.residents.get(pending.userId))?.status).toBe('active');
		const roles = (await stores.org.membershipsOf(pending.userId)).map((m) => [m.unitId, m.role]);
		expect(roles).toEqual([['c-a', 'resident']]);
		expect((await get(server, `/agenda/${server.agendaId}`, cookie)).status).toBe(200);
	});

	it('a grid leader confirms residents of their own grid only', async () => {
		const other = await filePending(server, {
			phone: '13700000002',
			grid: 'c-a-g2',
			building: 'c-a-g2-b5'
		});
		expect((await get(server, '/g/c-a-g2/residents', gridLeader)).status).toBe(404);
		const refused = await postForm(
			server,
			'/g/c-a-g2/residents?/confirm',
			{ userId: other.userId },
			gridLeader
		);
		expect(refused.status).toBe(404);
		// Through their own grid's page, the other grid's resident is not theirs to confirm.
		const sideways = await postForm(
			server,
			'/g/c-a-g1/residents?/confirm',
			{ userId: other.userId },
			gridLeader
		);
		expect(sideways.status).toBe(400);
		expect((await server.services.stores.residents.get(other.userId))?.status).toBe('pending');

		const own = await filePending(server, {
			phone: '13700000003',
			grid: 'c-a-g1',
			building: 'c-a-g1-b2'
		});
		const page = await get(server, '/g/c-a-g1/residents', gridLeader);
		expect(page.status).toBe(200);
		expect(await page.text()).toContain('13700000003');
		const ok = await postForm(
			server,
			'/g/c-a-g1/residents?/confirm',
			{ userId: own.userId },
			gridLeader
		);
		expect(ok.status).toBe(200);
		expect(await server.services.stores.residents.get(own.userId)).toMatchObject({
			status: 'active',
			confirmedBy: 'u-grid'
		});
	});

	it('filing a number already known answers the same and creates nothing', async () => {
		const before = await server.services.stores.users.byUsername('13700000001');
		const res = await postForm(server, '/register?/pending', {
			community: 'c-a',
			grid: 'c-a-g1',
			building: 'c-a-g1-b1',
			room: '9-909',
			name: '冒名者',
			phone: '13700000001',
			password: 'some-other-password'
		});
		expect(res.status).toBe(200);
		const after = await server.services.stores.users.byUsername('13700000001');
		expect(after).toEqual(before);
	});
});

describe('the demo district', () => {
	it('places its residents in grids and buildings, one still waiting for the grid leader', async () => {
		const { stores } = server.services;
		expect(await stores.residents.get('u-resident')).toMatchObject({
			gridId: 'c-a-g1',
			buildingId: 'c-a-g1-b1',
			status: 'active'
		});
		expect(await stores.residents.get('u-outsider')).toMatchObject({
			gridId: 'c-b-g1',
			buildingId: 'c-b-g1-b1'
		});
		for (const grid of ['c-a-g1', 'c-a-g2', 'c-b-g1', 'c-b-g2'])
			expect((await stores.residents.inGrid(grid, 'active')).length).toBeGreaterThanOrEqual(2);
		const waiting = await stores.residents.get('u-res-c-a-pending');
		expect(waiting?.status).toBe('pending');
		expect(await stores.org.membershipsOf('u-res-c-a-pending')).toEqual([]);
	});
});

describe('the secretary keeps the chain', () => {
	it('assigns and removes building leaders and household contacts from the community members', async () => {
		const { access } = server.services;
		const assign = (fields: Record<string, string>) =>
			postForm(server, '/c/c-a/chain?/assign', fields, secretary);
		expect(
			(await assign({ unitId: 'c-a-g1-b2', role: 'building_leader', userId: 'u-party' })).status
		).toBe(200);
		expect(await access.rolesIn('u-party', 'c-a-g1-b2')).toContain('building_leader');
		// A grid role on a building, another community's person: refused.
		expect(
			(await assign({ unitId: 'c-a-g1-b2', role: 'grid_leader', userId: 'u-party' })).status
		).toBe(400);
		expect(
			(await assign({ unitId: 'c-a-g1-b2', role: 'household_contact', userId: 'u-outsider' }))
				.status
		).toBe(400);
		// Another community's building through this community's page: refused.
		expect(
			(await assign({ unitId: 'c-b-g1-b1', role: 'building_leader', userId: 'u-party' })).status
		).toBe(400);
		const removed = await postForm(
			server,
			'/c/c-a/chain?/unassign',
			{ unitId: 'c-a-g1-b2', role: 'building_leader', userId: 'u-party' },
			secretary
		);
		expect(removed.status).toBe(200);
		expect(await access.rolesIn('u-party', 'c-a-g1-b2')).not.toContain('building_leader');
	});

	it('adds a grid and a building, refuses a duplicate name, and renames', async () => {
		const { stores } = server.services;
		expect(
			(await postForm(server, '/c/c-a/chain?/addGrid', { name: '三网格' }, secretary)).status
		).toBe(200);
		const grid = (await stores.org.children('c-a')).find((u) => u.name === '三网格');
		expect(grid?.kind).toBe('grid');
		expect(
			(await postForm(server, '/c/c-a/chain?/addGrid', { name: '三网格' }, secretary)).status
		).toBe(400);
		expect(
			(
				await postForm(
					server,
					'/c/c-a/chain?/addBuilding',
					{ gridId: grid!.id, name: '7号楼' },
					secretary
				)
			).status
		).toBe(200);
		const [building] = await stores.org.children(grid!.id);
		expect(building).toMatchObject({ kind: 'building', name: '7号楼' });
		expect(
			(
				await postForm(
					server,
					'/c/c-a/chain?/rename',
					{ unitId: building!.id, name: '七号楼' },
					secretary
				)
			).status
		).toBe(200);
		expect((await stores.org.unit(building!.id))?.name).toBe('七号楼');
		const page = await (await get(server, '/c/c-a/chain', secretary)).text();
		expect(page).toContain('七号楼');
	});

	it('the home page links the secretary to the chain and a grid leader to their grid only', async () => {
		const secretaryHome = await (await get(server, '/', secretary)).text();
		expect(secretaryHome).toContain('c/c-a/chain');
		const leaderHome = await (await get(server, '/', gridLeader)).text();
		expect(leaderHome).toContain('g/c-a-g1/residents');
		expect(leaderHome).not.toContain('c/c-a/chain');
		expect(leaderHome).not.toContain('g/c-a-g2/residents');
	});

	it('only the secretary manages the chain: a grid leader and a resident get 404', async () => {
		expect((await get(server, '/c/c-a/chain', gridLeader)).status).toBe(404);
		const resident = await server.cookieFor('resident');
		expect((await get(server, '/c/c-a/chain', resident)).status).toBe(404);
		expect(
			(await postForm(server, '/c/c-a/chain?/addGrid', { name: '偷偷加' }, resident)).status
		).toBe(404);
	});
});
