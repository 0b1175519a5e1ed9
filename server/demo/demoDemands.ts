import type { Demand, DemandEvent, DemandLevel, DemandState } from '../../src/lib/domain/demands';
import type { Role } from '../../src/lib/domain/roles';
import type { Stores } from '../storage/Stores';
import { DEMAND_TEMPLATES, HISTORY_NAMES, RESOLUTION_TEMPLATES } from './demoDemandText';
import {
	BASE_HOURS,
	CATEGORY_WEIGHTS,
	COMMUNITIES,
	type CommunityProfile,
	type GridProfile
} from './demoDemandProfiles';
import { rng, type Random } from './seededRandom';

/**
 * About six months of resident demands for the three demo communities, ending at the seed date,
 * so the dashboards and the problem list show real shapes: more demands as residents adopt the
 * app, times to resolve falling by about 40 %, a good grid and a struggling one (丽泽园 grid 2,
 * whose 5号楼 elevator keeps failing and whose complaints about 物业 keep going up a level).
 *
 * Deterministic: the same seed and end day give the same history (a small PRNG, no Math.random).
 */

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const OFFSET = 8 * HOUR;
export const HISTORY_DAYS = 182;

export interface HistoryPerson {
	id: string;
	username: string;
	displayName: string;
	unitId: string;
	role: Role;
}

export interface DemoHistory {
	people: HistoryPerson[];
	demands: Demand[];
	events: DemandEvent[];
}

/** The people of the history: residents, takers and a grid worker per grid (reusing demo users). */
function peopleOf(c: CommunityProfile, index: number) {
	const made: HistoryPerson[] = [];
	const person = (kind: string, n: number, name: string, unitId: string, role: Role) => {
		const p = {
			id: `u-h-${c.id}-${kind}${n}`,
			username: `h-${c.id}-${kind}${n}`,
			displayName: name,
			unitId,
			role
		};
		made.push(p);
		return p.id;
	};
	const names = HISTORY_NAMES;
	const residents = [0, 1, 2, 3, 4].map((i) =>
		person('r', i + 1, names.residents[(index * 3 + i) % names.residents.length]!, c.id, 'resident')
	);
	const takers = [0, 1, 2].map((i) =>
		person(
			't',
			i + 1,
			names.takers[(index * 3 + i) % names.takers.length]!,
			c.id,
			i === 2 ? 'volunteer' : 'party_member'
		)
	);
	const gridWorkers = new Map<string, string>();
	c.grids.forEach((g, i) => {
		if (g.id === 'c-a-g1') gridWorkers.set(g.id, 'u-grid');
		else
			gridWorkers.set(
				g.id,
				person(
					'g',
					i + 1,
					names.gridWorkers[(index * 2 + i) % names.gridWorkers.length]!,
					g.id,
					'grid_leader'
				)
			);
	});
	// The demo community's own people take part too, so their dashboards have their names.
	if (c.id === 'c-a') {
		residents.push('u-resident');
		takers.unshift('u-party', 'u-volunteer');
	}
	if (c.id === 'c-b') residents.push('u-outsider');
	return { made, residents, takers, gridWorkers };
}

export function demoDemandHistory(end: number, seed = 20261126): DemoHistory {
	const r = rng(seed);
	const people: HistoryPerson[] = [];
	const demands: Demand[] = [];
	const events: DemandEvent[] = [];
	// Whole Beijing days, so the history is the same whatever the hour of seeding.
	const lastDay = Math.floor((end + OFFSET) / DAY);
	const firstDay = lastDay - HISTORY_DAYS;

	COMMUNITIES.forEach((c, ci) => {
		const { made, residents, takers, gridWorkers } = peopleOf(c, ci);
		people.push(...made);
		for (let day = firstDay; day <= lastDay; day++) {
			const progress = (day - firstDay) / HISTORY_DAYS;
			const adoption = 0.45 + 0.75 * progress;
			const weekend = [0, 6].includes(new Date(day * DAY).getUTCDay()) ? 0.7 : 1;
			// A Poisson-ish count: whole part plus a chance of one more.
			const mean = c.perDay * adoption * weekend * (0.6 + 0.8 * r.next());
			const count = Math.floor(mean) + (r.next() < mean % 1 ? 1 : 0);
			for (let k = 0; k < count; k++) {
				const filedAt = day * DAY - OFFSET + (7 + r.next() * 14) * HOUR;
				if (filedAt >= end) continue;
				const g = c.grids[r.next() < 0.5 ? 0 : 1]!;
				const story = lifeOf(r, c, g, filedAt, end, progress, {
					residents,
					takers,
					dispatcher: gridWorkers.get(g.id)!
				});
				demands.push(story.demand);
				events.push(...story.events);
			}
		}
	});
	return { people, demands, events };
}

interface Cast {
	residents: string[];
	takers: string[];
	dispatcher: string;
}

/** One demand from filing to wherever it had got by `end`, with its events. */
function lifeOf(
	r: Random,
	c: CommunityProfile,
	g: GridProfile,
	filedAt: number,
	end: number,
	progress: number,
	cast: Cast
): { demand: Demand; events: DemandEvent[] } {
	const hot = g.hotspot && r.next() < g.hotspot.weight ? g.hotspot : null;
	const category = hot ? hot.category : r.weighted(CATEGORY_WEIGHTS);
	const buildingId = hot ? hot.building : r.next() < 0.9 ? r.pick(g.buildings) : null;
	const urgent = category === 'safety_hazard' ? r.next() < 0.35 : r.next() < 0.02;
	const b = buildingId
		? buildingId.slice(buildingId.lastIndexOf('b') + 1)
		: String(1 + Math.floor(r.next() * 6));
	const description = r
		.pick(DEMAND_TEMPLATES[category])
		.replace('{b}', b)
		.replace('{u}', String(1 + Math.floor(r.next() * 3)))
		.replace('{f}', String(1 + Math.floor(r.next() * 6)));
	const onBehalf = r.next() < 0.08;
	const residentId = onBehalf ? null : r.pick(cast.residents);
	const about =
		category === 'property_service'
			? r.next() < 0.8
				? 'property_company'
				: null
			: r.next() < 0.04
				? 'property_company'
				: null;
	const events: DemandEvent[] = [];
	const ev = (
		at: number,
		actor: string | null,
		kind: DemandEvent['kind'],
		detail: Record<string, unknown> | null = null
	) => {
		if (at < end) events.push({ demandId: '', at: Math.round(at), actor, kind, detail });
	};
	const d: Demand = {
		id: r.uuid(),
		communityId: c.id,
		gridId: g.id,
		buildingId,
		category,
		description,
		urgent,
		visibility:
			about === null &&
			(category === 'environment' || category === 'safety_hazard') &&
			r.next() < 0.5
				? 'public'
				: 'private',
		about,
		residentId,
		residentName: onBehalf ? r.pick(HISTORY_NAMES.residents) : null,
		enteredBy: onBehalf ? cast.dispatcher : null,
		state: 'filed',
		level: 'grid',
		assignee: null,
		filedAt: Math.round(filedAt),
		takeBy: null,
		resolveBy: null,
		takenAt: null,
		resolvedAt: null,
		closedAt: null,
		rating: null,
		resolution: null,
		problemId: null,
		updatedAt: Math.round(filedAt)
	};
	ev(
		filedAt,
		onBehalf ? cast.dispatcher : residentId,
		'filed',
		onBehalf ? { onBehalf: true } : null
	);

	if (!urgent && r.next() < 0.02) {
		const at = filedAt + (1 + r.next() * 4) * HOUR;
		if (at < end) {
			ev(at, residentId ?? cast.dispatcher, 'withdrawn');
			return finish(d, events, { state: 'withdrawn', updatedAt: at });
		}
	}

	// Times fall by about 40 % over the history, as the chain learns the work.
	const speed = (1.3 - 0.55 * progress) * g.slow * (urgent ? 0.3 : 1);
	let t = filedAt + (urgent ? 0.3 + r.next() : 1 + r.next() * 10) * HOUR * speed;
	let level: DemandLevel = 'grid';
	let dispatcher = cast.dispatcher;
	const escalateP =
		g.escalate + (category === 'property_service' ? 0.15 : 0) + (category === 'dispute' ? 0.1 : 0);
	if (r.next() < escalateP) {
		// Not settled at the grid in time: up to the community, a few on to the street.
		t = filedAt + (24 + r.next() * 30) * HOUR;
		level = 'community';
		ev(t, null, 'escalated', { from: 'grid', to: 'community' });
		dispatcher = c.secretary ?? cast.dispatcher;
		if (r.next() < 0.2) {
			t += (24 + r.next() * 24) * HOUR;
			level = 'street';
			ev(t, null, 'escalated', { from: 'community', to: 'street' });
			dispatcher = c.streetOfficer ?? dispatcher;
		}
	}
	const taker = r.next() < 0.45 ? cast.takers[0]! : r.pick(cast.takers);
	const dispatchedAt = t;
	ev(dispatchedAt, dispatcher, 'dispatched', { to: taker });
	const takenAt = dispatchedAt + (0.2 + r.next() * 3) * HOUR * (urgent ? 0.3 : 1);
	ev(takenAt, taker, 'taken');
	const spread = 0.35 + 1.6 * r.next() * r.next();
	const resolvedAt =
		takenAt + BASE_HOURS[category] * speed * spread * HOUR * (level === 'grid' ? 1 : 1.4);
	const resolution = r.pick(RESOLUTION_TEMPLATES[category]);
	ev(resolvedAt, taker, 'resolved');
	const closedAt = resolvedAt + (2 + r.next() * 40) * HOUR;
	const answers = r.next() < 0.9;
	const satisfied = r.next() < g.satisfied + 0.05 * progress;
	const rating = satisfied ? ('satisfied' as const) : ('unsatisfied' as const);
	if (answers) ev(closedAt, residentId ?? cast.dispatcher, 'closed', { rating });

	const base = { level };
	const dispatched = {
		...base,
		state: 'dispatched' as const,
		assignee: taker,
		takeBy: Math.round(dispatchedAt + DAY),
		updatedAt: dispatchedAt
	};
	if (dispatchedAt >= end) return finish(d, events, { ...base, takeBy: Math.round(filedAt + DAY) });
	if (takenAt >= end) return finish(d, events, dispatched);
	const taken = {
		...dispatched,
		state: 'taken' as const,
		takeBy: null,
		takenAt,
		resolveBy: Math.round(takenAt + 3 * DAY),
		updatedAt: takenAt
	};
	if (resolvedAt >= end) return finish(d, events, taken);
	const resolved = {
		...taken,
		state: 'resolved' as const,
		resolveBy: null,
		resolvedAt,
		resolution,
		updatedAt: resolvedAt
	};
	if (!answers || closedAt >= end) return finish(d, events, resolved);
	return finish(d, events, { ...resolved, state: 'closed', closedAt, rating, updatedAt: closedAt });
}

function finish(
	d: Demand,
	events: DemandEvent[],
	patch: Partial<Demand> & { state?: DemandState }
): { demand: Demand; events: DemandEvent[] } {
	const demand = { ...d, ...patch };
	// The level is where the escalations that happened before the end took it.
	const up = events.filter((e) => e.kind === 'escalated').at(-1);
	demand.level = (up?.detail?.to as DemandLevel | undefined) ?? 'grid';
	for (const k of ['takenAt', 'resolvedAt', 'closedAt', 'updatedAt'] as const) {
		const v = demand[k];
		if (typeof v === 'number') demand[k] = Math.round(v);
	}
	return { demand, events: events.map((e) => ({ ...e, demandId: d.id })) };
}

/**
 * Writes the history through the stores (inside the seed's transaction): its people with their
 * memberships, then every demand and event. `passwordHash` is the demo password's.
 */
export async function seedDemoDemands(stores: Stores, end: number, passwordHash: string) {
	const { people, demands, events } = demoDemandHistory(end);
	for (const p of people) {
		await stores.users.create({
			id: p.id,
			username: p.username,
			displayName: p.displayName,
			passwordHash
		});
		await stores.org.addMembership({ userId: p.id, unitId: p.unitId, role: p.role });
	}
	for (const d of demands) await stores.demands.insert(d);
	for (const e of events) await stores.demands.addEvent(e);
	return demands.length;
}
