import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_UNITS, DEMO_USERS } from '../../server/demo/demoDistrict';
import { SESSION_COOKIE } from '../../server/auth/sessions';
import {
	canAnswer,
	canResolve,
	demandView,
	mayTake,
	type DemandView
} from '../../src/lib/domain/demandAccess';
import { DISPATCHERS, type Demand } from '../../src/lib/domain/demands';
import { STEP_ACTIONS, type StepAction } from '../../src/lib/domain/demandSteps';
import { canDoWithDemands, type DemandAction } from '../../src/lib/domain/policy';
import { COMMITTEES, ROLE_UNIT_KIND, type Role } from '../../src/lib/domain/roles';
import { startTestServer, type TestServer } from '../helpers/server';

/**
 * Issue 4 on top of issue 3 item 4: the demand access matrix, generated from the declared tables
 * (DEMAND_POLICY, DISPATCHERS and the per-record rules of demandAccess.ts), checked over HTTP on
 * the real server. Rows: every demo user, the chain roles on buildings, a grid leader of another
 * grid, and no session. Columns: kinds of demand in grid c-a-g1 × every step, the JSON read and
 * the /d page; then the unit pages each DEMAND_POLICY action guards (dashboard, export, problem
 * list, chain, import, the grid's pending residents).
 *
 * Expected answers: not visible → 404 exactly as an unknown id; visible and allowed → 200;
 * visible, not allowed → 403 `forbidden`; no session → 401 (API) or 303 to login (pages). A
 * refused step leaves the demand as it was. Each mutating step runs on a fresh demand.
 */
const GRID = 'c-a-g1';
const FILER = 'matrix-filer';
const TAKER = 'matrix-taker';

interface Row {
	label: string;
	userId: string | null;
	memberships: { unitId: string; role: Role }[];
}
const MATRIX_USERS: Row[] = [
	{
		label: 'building leader (c-a-g1-b1)',
		userId: 'matrix-building-leader',
		memberships: [{ unitId: 'c-a-g1-b1', role: 'building_leader' }]
	},
	{
		label: 'household contact (c-a-g1-b1)',
		userId: 'matrix-household',
		memberships: [{ unitId: 'c-a-g1-b1', role: 'household_contact' }]
	},
	{
		label: 'grid leader of another grid (c-a-g2)',
		userId: 'matrix-g2-leader',
		memberships: [{ unitId: 'c-a-g2', role: 'grid_leader' }]
	}
];
const ROWS: Row[] = [
	...DEMO_USERS.map((u) => ({
		label: `${u.username} (${u.role} in ${u.unitId})`,
		userId: u.id,
		memberships: [{ unitId: u.unitId, role: u.role }, ...(u.also ?? [])]
	})),
	...MATRIX_USERS,
	{ label: 'no session', userId: null, memberships: [] }
];

/** Roles held at `unitId` or above it, where the role may be held (from the declared data). */
function rolesAt(row: Row, unitId: string): Set<Role> {
	const above = new Set<string>();
	for (
		let id: string | null = unitId;
		id;
		id = DEMO_UNITS.find((u) => u.id === id)?.parentId ?? null
	)
		above.add(id);
	const kindOf = (id: string) => DEMO_UNITS.find((u) => u.id === id)?.kind;
	return new Set(
		row.memberships
			.filter((m) => above.has(m.unitId) && ROLE_UNIT_KIND[m.role].includes(kindOf(m.unitId)!))
			.map((m) => m.role)
	);
}

type Kind =
	| 'own private'
	| "someone else's private"
	| 'public'
	| `complaint about ${(typeof COMMITTEES)[number]}`
	| 'offered to the grid'
	| 'dispatched to someone else'
	| 'taken by someone else'
	| 'resolved, someone else filed'
	| 'own, resolved';
const KINDS: Kind[] = [
	'own private',
	"someone else's private",
	'public',
	...COMMITTEES.map((c) => `complaint about ${c}` as const),
	'offered to the grid',
	'dispatched to someone else',
	'taken by someone else',
	'resolved, someone else filed',
	'own, resolved'
];

let server: TestServer;
const cookies = new Map<string, string>();

beforeAll(async () => {
	server = await startTestServer({ withApp: true });
	const { stores, sessions } = server.services;
	const make = async (id: string, memberships: Row['memberships']) => {
		await stores.users.create({ id, username: id, displayName: `名-${id}`, passwordHash: 'x' });
		for (const m of memberships) await stores.org.addMembership({ userId: id, ...m });
	};
	await make(FILER, [{ unitId: 'c-a', role: 'resident' }]);
	await make(TAKER, [{ unitId: 'c-a', role: 'party_member' }]);
	for (const r of MATRIX_USERS) await make(r.userId!, r.memberships);
	for (const r of ROWS) {
		if (r.userId)
			cookies.set(r.userId, `${SESSION_COOKIE}=${(await sessions.create(r.userId)).token}`);
	}
});
afterAll(() => server?.close());

/** Makes a demand of a kind through the service (set-up, not under test). */
async function make(kind: Kind, viewer: string | null): Promise<string | null> {
	const { demands } = server.services;
	const own = kind.startsWith('own');
	const filer = own ? viewer : FILER;
	if (!filer) return null;
	const roles = await demands.roles(filer, GRID);
	if (!canDoWithDemands('file', roles)) return null;
	const about = kind.startsWith('complaint about ') ? kind.slice('complaint about '.length) : null;
	const id = randomUUID();
	await demands.file(filer, {
		id,
		gridId: GRID,
		buildingId: 'c-a-g1-b1',
		category: 'repair',
		description: `矩阵 ${kind}`,
		visibility: kind === 'public' ? 'public' : 'private',
		about
	});
	const step = (who: string, action: StepAction, body: Record<string, unknown> = {}) =>
		demands.act(who, id, action, body);
	if (kind === 'offered to the grid') await step('u-secretary', 'offer');
	if (
		['dispatched to someone else', 'taken by someone else'].includes(kind) ||
		kind.includes('resolved')
	)
		await step('u-secretary', 'dispatch', { to: TAKER });
	if (kind === 'taken by someone else' || kind.includes('resolved')) await step(TAKER, 'take');
	if (kind.includes('resolved')) await step(TAKER, 'resolve', { text: '修好了' });
	return id;
}

/** The step's allowance, from the declared tables (not from the server's own helper). */
function expectedStep(a: StepAction, userId: string, roles: Set<Role>, d: Demand): boolean {
	const beforeTaken = ['filed', 'offered', 'dispatched'].includes(d.state);
	const dispatcher =
		DISPATCHERS[d.level].some((r) => roles.has(r)) && canDoWithDemands('dispatch', roles);
	const viewer = { userId, roles };
	switch (a) {
		case 'withdraw':
			return beforeTaken && (d.residentId === userId || d.enteredBy === userId);
		case 'dispatch':
			return dispatcher && beforeTaken;
		case 'offer':
			return dispatcher && (d.state === 'filed' || d.state === 'dispatched');
		case 'take':
			return (
				(d.state === 'dispatched' && d.assignee === userId) ||
				(d.state === 'offered' && mayTake(roles, d))
			);
		case 'decline':
			return d.state === 'dispatched' && d.assignee === userId;
		case 'resolve':
			return canResolve(viewer, d);
		case 'confirm':
		case 'reopen':
			return canAnswer(viewer, d);
	}
}

const BODY: Record<StepAction, Record<string, unknown>> = {
	withdraw: {},
	dispatch: { to: TAKER },
	offer: {},
	take: {},
	decline: {},
	resolve: { text: '处理完毕' },
	confirm: { rating: 'satisfied' },
	reopen: { text: '没修好' }
};

function call(path: string, userId: string | null, body?: unknown) {
	const headers: Record<string, string> = { origin: server.url };
	if (userId) headers.cookie = cookies.get(userId)!;
	if (body !== undefined) headers['content-type'] = 'application/json';
	return fetch(server.url + path, {
		method: body === undefined ? 'GET' : 'POST',
		redirect: 'manual',
		headers,
		body: body === undefined ? undefined : JSON.stringify(body)
	});
}

describe('demand access matrix over HTTP matches DEMAND_POLICY and demandView', () => {
	for (const row of ROWS) {
		const roles = rolesAt(row, GRID);
		it(`${row.label}: the server's roles at the grid are the declared ones`, async () => {
			if (!row.userId) return;
			const got = await server.services.access.rolesIn(row.userId, GRID);
			expect([...got].sort()).toEqual([...roles].sort());
		});

		for (const kind of KINDS) {
			it(`${row.label} × ${kind}`, async () => {
				const readId = await make(kind, row.userId);
				if (!readId) return; // "own" for someone who cannot file: covered by the file row
				const stored = (await server.services.stores.demands.get(readId))!;
				const view: DemandView = row.userId
					? demandView({ userId: row.userId, roles }, stored)
					: 'none';
				const unknownBody = await (await call(`/api/demands/${randomUUID()}`, row.userId)).text();
				const res = await call(`/api/demands/${readId}`, row.userId);
				const text = await res.text();
				const page = await call(`/d/${readId}`, row.userId);
				if (!row.userId) {
					expect([res.status, page.status]).toEqual([401, 303]);
				} else if (view === 'none') {
					expect([res.status, text, page.status]).toEqual([404, unknownBody, 404]);
				} else {
					expect([res.status, page.status]).toEqual([200, 200]);
					expect((JSON.parse(text) as { view: string }).view).toBe(view);
					if (view === 'anonymous') {
						const html = await page.text();
						for (const leak of [FILER, `名-${FILER}`]) {
							expect(text).not.toContain(leak);
							expect(html).not.toContain(leak);
						}
					}
				}
				const wrong: string[] = [];
				for (const action of STEP_ACTIONS) {
					const id = await make(kind, row.userId);
					const before = (await server.services.stores.demands.get(id!))!;
					const allowed =
						row.userId !== null &&
						view !== 'none' &&
						expectedStep(action, row.userId, roles, before);
					const want = !row.userId ? 401 : view === 'none' ? 404 : allowed ? 200 : 403;
					const got = await call(`/api/demands/${id}`, row.userId, { action, ...BODY[action] });
					if (got.status !== want) wrong.push(`${action}: ${got.status}, expected ${want}`);
					const after = (await server.services.stores.demands.get(id!))!;
					if (want !== 200 && after.updatedAt !== before.updatedAt)
						wrong.push(`${action}: refused but the demand changed`);
				}
				expect(wrong).toEqual([]);
			});
		}

		it(`${row.label}: filing, for oneself and on someone's behalf`, async () => {
			for (const [action, extra] of [
				['file', {}],
				['file_for_other', { onBehalfOf: '王奶奶' }]
			] as [DemandAction, Record<string, unknown>][]) {
				const body = {
					id: randomUUID(),
					gridId: GRID,
					category: 'repair',
					description: '灯',
					...extra
				};
				const got = await call('/api/demands', row.userId, body);
				const want = !row.userId
					? 401
					: canDoWithDemands(action, roles)
						? 200
						: roles.size === 0
							? 404
							: 403;
				expect(got.status, action).toBe(want);
				expect(!!(await server.services.stores.demands.get(body.id))).toBe(want === 200);
			}
		});

		it(`${row.label}: the unit pages each demand action guards`, async () => {
			const pages: [string, DemandAction, string][] = [
				[`/u/${GRID}/dashboard`, 'read_metrics', GRID],
				[`/u/c-a/dashboard`, 'read_metrics', 'c-a'],
				[`/u/c-a/dashboard/export?format=csv&sheet=units`, 'read_metrics', 'c-a'],
				[`/u/c-a/dashboard/export?format=csv&sheet=people`, 'read_people', 'c-a'],
				['/c/c-a/problems', 'mark_problem', 'c-a'],
				['/c/c-a/chain', 'manage_chain', 'c-a'],
				['/c/c-a/chain/import', 'manage_chain', 'c-a'],
				[`/g/${GRID}/residents`, 'confirm_resident', GRID]
			];
			const wrong: string[] = [];
			for (const [path, action, unit] of pages) {
				const got = (await call(path, row.userId)).status;
				// Export of people needs read_metrics to reach the gate at all.
				const ok =
					canDoWithDemands(action, rolesAt(row, unit)) &&
					canDoWithDemands(action === 'read_people' ? 'read_metrics' : action, rolesAt(row, unit));
				const want = !row.userId ? 303 : ok ? 200 : 404;
				if (got !== want) wrong.push(`${path}: ${got}, expected ${want}`);
			}
			expect(wrong).toEqual([]);
		});
	}
});

describe('rules the generated matrix rests on, spelled out', () => {
	it('the district account administrator sees no demand, not even a public one', async () => {
		const id = (await make('public', null))!;
		expect((await call(`/api/demands/${id}`, 'u-admin')).status).toBe(404);
		expect((await call(`/api/demands/${id}`, 'u-resident')).status).toBe(200);
	});

	it('a complaint is anonymous to its party and invisible to a resident who did not file it', async () => {
		const id = (await make('complaint about property_company', null))!;
		const pm = (await (await call(`/api/demands/${id}`, 'u-pm')).json()) as { view: string };
		expect(pm.view).toBe('anonymous');
		expect((await call(`/api/demands/${id}`, 'u-resident')).status).toBe(404);
	});
});
