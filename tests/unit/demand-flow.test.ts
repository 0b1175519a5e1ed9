import { randomUUID } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AccessService } from '../../server/access/AccessService';
import { DemandService } from '../../server/demands/DemandService';
import type { Stores } from '../../server/storage/Stores';
import { openSqliteStores } from '../../server/storage/sqlite';
import type { Role } from '../../src/lib/domain/roles';

/** Milliseconds of a Beijing wall-clock time. */
const bj = (local: string) => Date.parse(`${local}:00+08:00`);

const MEMBERS: [string, string, Role][] = [
	['resident', 'c', 'resident'],
	['neighbour', 'c', 'resident'],
	['leader', 'g', 'grid_leader'],
	['secretary', 'c', 'secretary'],
	['member', 'c', 'party_member'],
	['member2', 'c', 'party_member'],
	['pm', 'c', 'property_company'],
	['officer', 's', 'officer']
];

let stores: Stores;
let clock: number;
let demands: DemandService;

beforeEach(async () => {
	stores = openSqliteStores(':memory:');
	const unit = (
		id: string,
		parentId: string | null,
		kind: 'district' | 'street' | 'community' | 'grid'
	) => stores.org.addUnit({ id, parentId, kind, name: id, nameEn: id });
	await unit('d', null, 'district');
	await unit('s', 'd', 'street');
	await unit('c', 's', 'community');
	await unit('g', 'c', 'grid');
	for (const [id, unitId, role] of MEMBERS) {
		await stores.users.create({ id, username: id, displayName: id, passwordHash: 'x' });
		await stores.org.addMembership({ userId: id, unitId, role });
	}
	clock = bj('2026-11-02T10:00');
	demands = new DemandService({ stores, access: new AccessService(stores), now: () => clock });
});
afterEach(() => stores.close());

const file = (over: Record<string, unknown> = {}, user = 'resident') =>
	demands.file(user, {
		id: randomUUID(),
		gridId: 'g',
		category: 'repair',
		description: '楼道灯坏了',
		...over
	});
const refusal = (p: Promise<unknown>) =>
	p.then(
		() => 'ok',
		(e: { code?: string }) => e.code
	);

describe('dispatch', () => {
	it('only a dispatcher of the current level dispatches, and only to someone who may take', async () => {
		const d = await file();
		expect(await refusal(demands.act('resident', d.id, 'dispatch', { to: 'member' }))).toBe(
			'forbidden'
		);
		expect(await refusal(demands.act('leader', d.id, 'dispatch', { to: 'neighbour' }))).toBe(
			'bad_assignee'
		);
		const sent = await demands.act('leader', d.id, 'dispatch', { to: 'member' });
		expect([sent.state, sent.assignee]).toEqual(['dispatched', 'member']);
		expect((await stores.notifications.forUser('member', 5))[0]?.kind).toBe('demand_dispatched');
	});

	it('a dispatched demand is taken by its assignee only; an offered one by any taker, once', async () => {
		const d = await file();
		await demands.act('leader', d.id, 'dispatch', { to: 'member' });
		// Dispatched to someone else and private: for member2 it does not exist.
		expect(await refusal(demands.act('member2', d.id, 'take', {}))).toBe('not_found');
		await demands.act('member', d.id, 'decline', {});
		await demands.act('leader', d.id, 'offer', {});
		expect(await refusal(demands.act('neighbour', d.id, 'take', {}))).toBe('not_found');
		const results = await Promise.all([
			refusal(demands.act('member', d.id, 'take', {})),
			refusal(demands.act('member2', d.id, 'take', {}))
		]);
		expect(results.sort()).toEqual(['conflict', 'ok'].sort());
	});

	it('only the assigned taker resolves; the resident rates or reopens back to the same taker', async () => {
		const d = await file();
		await demands.act('leader', d.id, 'dispatch', { to: 'member' });
		await demands.act('member', d.id, 'take', {});
		expect(await refusal(demands.act('leader', d.id, 'resolve', { text: '修好了' }))).toBe(
			'forbidden'
		);
		await demands.act('member', d.id, 'resolve', { text: '修好了' });
		expect(await refusal(demands.act('member', d.id, 'confirm', { rating: 'satisfied' }))).toBe(
			'forbidden'
		);
		clock = bj('2026-11-03T09:00');
		const reopened = await demands.act('resident', d.id, 'reopen', { text: '又坏了' });
		expect([reopened.state, reopened.assignee]).toEqual(['taken', 'member']);
		// Repair: 3 working days to resolve, counted from the reopening.
		expect(reopened.resolveBy).toBe(bj('2026-11-06T09:00'));
		await demands.act('member', d.id, 'resolve', { text: '换了灯' });
		const closed = await demands.act('resident', d.id, 'confirm', { rating: 'satisfied' });
		expect([closed.state, closed.rating]).toEqual(['closed', 'satisfied']);
		const kinds = (await stores.demands.events(d.id)).map((e) => `${e.kind}:${e.actor}`);
		expect(kinds).toEqual([
			'filed:resident',
			'dispatched:leader',
			'taken:member',
			'resolved:member',
			'reopened:resident',
			'resolved:member',
			'closed:resident'
		]);
	});

	it('a retried filing is stored once; the same id with other content or by another user is refused', async () => {
		const id = randomUUID();
		const a = await file({ id });
		clock += 60_000;
		expect(await file({ id })).toEqual(a);
		expect(await refusal(file({ id, description: '别的' }))).toBe('id_taken');
		expect(await refusal(file({ id }, 'neighbour'))).toBe('id_taken');
		expect(await stores.demands.query({ limit: 10 })).toHaveLength(1);
	});

	it('the party a complaint is about sees it without who filed it', async () => {
		const d = await file({ about: 'property_company' });
		const seen = await demands.detail('pm', d.id);
		expect(seen?.view).toBe('anonymous');
		expect(seen?.demand.residentId).toBeNull();
		expect(JSON.stringify(seen)).not.toContain('"resident"');
		expect(await demands.detail('neighbour', d.id)).toBeNull();
	});
});

describe('escalation on the working calendar', () => {
	it('a demand filed the Friday before a make-up Saturday goes up when that Saturday ends its clock', async () => {
		// 2026-10-10 (Saturday) is a make-up workday for National Day.
		clock = bj('2026-10-09T15:00');
		const d = await file();
		expect(d.takeBy).toBe(bj('2026-10-10T15:00'));
		expect(await demands.sweep(bj('2026-10-10T14:59'))).toBe(0);
		clock = bj('2026-10-10T15:00');
		expect(await demands.sweep()).toBe(1);
		const up = (await stores.demands.get(d.id))!;
		expect([up.level, up.state]).toEqual(['community', 'filed']);
		expect(up.takeBy).toBe(bj('2026-10-12T15:00'));
		const last = (await stores.demands.events(d.id)).at(-1);
		expect([last?.kind, last?.actor]).toEqual(['escalated', null]);
		expect((await stores.notifications.forUser('secretary', 5))[0]?.kind).toBe('demand_escalated');
		// At the community, the grid leader no longer dispatches it; the secretary does.
		expect(await refusal(demands.act('leader', d.id, 'dispatch', { to: 'member' }))).toBe(
			'forbidden'
		);
	});

	it('National Day holidays do not count; after the street it stays, overdue', async () => {
		clock = bj('2026-09-30T15:00');
		const d = await file();
		expect(d.takeBy).toBe(bj('2026-10-08T15:00'));
		expect(await demands.sweep(bj('2026-10-07T23:59'))).toBe(0);
		expect(await demands.sweep(bj('2026-10-08T15:00'))).toBe(1);
		expect(await demands.sweep(bj('2026-10-09T15:00'))).toBe(1);
		const top = (await stores.demands.get(d.id))!;
		expect(top.level).toBe('street');
		expect((await stores.notifications.forUser('officer', 5))[0]?.kind).toBe('demand_escalated');
		expect(await demands.sweep(bj('2026-12-31T00:00'))).toBe(0);
		expect((await stores.demands.get(d.id))?.level).toBe('street');
	});

	it('a taken demand not resolved in time goes up too; an urgent one must be taken within hours', async () => {
		clock = bj('2026-11-07T22:00'); // Saturday night
		const urgent = await file({ urgent: true, category: 'safety_hazard' });
		expect(urgent.takeBy).toBe(bj('2026-11-08T00:00'));
		await demands.act('leader', urgent.id, 'dispatch', { to: 'member' });
		expect(await demands.sweep(bj('2026-11-08T00:00'))).toBe(1);
		const d = await file();
		await demands.act('leader', d.id, 'dispatch', { to: 'member' });
		const taken = await demands.act('member', d.id, 'take', {});
		expect(taken.resolveBy).toBe(bj('2026-11-12T00:00'));
		// The urgent one (2 h again at the community) goes up to the street in the same sweep.
		expect(await demands.sweep(bj('2026-11-12T00:00'))).toBe(2);
		const up = (await stores.demands.get(d.id))!;
		expect([up.level, up.state, up.assignee]).toEqual(['community', 'filed', null]);
	});

	it("an operator's calendar update applies to the next deadline without a restart", async () => {
		clock = bj('2026-09-30T15:00');
		expect((await file()).takeBy).toBe(bj('2026-10-08T15:00'));
		// Say 2026's holidays were withdrawn: the next filing counts plain weekdays again.
		await stores.calendar.replaceYears([2026], []);
		expect((await file()).takeBy).toBe(bj('2026-10-01T15:00'));
	});
});
