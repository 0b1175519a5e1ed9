import { error } from '@sveltejs/kit';
import {
	previousPeriod,
	unitFigures,
	type DemandFacts,
	type Period,
	type UnitFigures
} from '$lib/domain/demandMetrics';
import { categoryCounts, weeklyCounts } from '$lib/domain/demandSeries';
import type { DemandEvent } from '$lib/domain/demands';
import {
	customPeriod,
	isPeriodPreset,
	lastDayOf,
	beijingDate,
	presetPeriod,
	type PeriodChoice
} from '$lib/domain/metricPeriods';
import { personFigures, type PeopleFigures } from '$lib/domain/personMetrics';
import { canDoWithDemands } from '$lib/domain/policy';
import type { DemandQuery } from '../../../server/storage/DemandStore';
import type { Unit } from '../../../server/storage/types';
import { requireUser } from './requireUser';
import { services } from './services';

/** Units that have numbers of their own (a building is a place inside a grid). */
const METRIC_KINDS = new Set(['district', 'street', 'community', 'grid']);
/** Every demand of both periods is loaded; beyond this the dashboard needs pre-aggregation. */
const MAX_DEMANDS = 200_000;

/**
 * The dashboard's gate: a unit the user may see numbers for (DEMAND_POLICY `read_metrics` on the
 * roles that apply there), or the same 404 as for a unit that does not exist.
 */
export async function dashboardGuard(locals: App.Locals, url: URL, unitId: string) {
	const { user } = requireUser(locals, url);
	const { access, stores } = services();
	const unit = await stores.org.unit(unitId);
	if (!unit || !METRIC_KINDS.has(unit.kind)) error(404, 'Not Found');
	const roles = await access.rolesIn(user.id, unit.id);
	if (!canDoWithDemands('read_metrics', roles)) error(404, 'Not Found');
	return { user, unit, readPeople: canDoWithDemands('read_people', roles) };
}

export interface ChosenPeriod {
	choice: PeriodChoice;
	period: Period;
	/** The custom dates were bad and the default was used. */
	fellBack: boolean;
}

/**
 * The period from the query string. A preset is cut at `now`, so "this month" is compared with
 * the same number of days just before it, not with a whole month.
 */
export function periodFrom(url: URL, now = Date.now()): ChosenPeriod {
	const raw = url.searchParams.get('period') ?? 'this_quarter';
	if (raw === 'custom') {
		const p = customPeriod(url.searchParams.get('from') ?? '', url.searchParams.get('to') ?? '');
		if (p) return { choice: 'custom', period: p, fellBack: false };
	}
	const choice = isPeriodPreset(raw) ? raw : 'this_quarter';
	const p = presetPeriod(choice, now);
	return {
		choice,
		period: { from: p.from, to: Math.max(p.from + 1, Math.min(p.to, now)) },
		fellBack: raw !== choice
	};
}

export interface DashboardData {
	/** The unit and every unit with numbers below it, parents before children. */
	units: Unit[];
	/** Figures of every unit in `units`, or of the unit and its children (`scope: 'children'`). */
	figures: Map<string, UnitFigures>;
	/** The unit's own demands in both periods, with the fields the figures read. */
	demands: DemandFacts[];
	people: (PeopleFigures & { names: Map<string, string> }) | null;
}

/**
 * Everything the dashboard shows, from the demands' facts only (no descriptions, no people):
 * at district scale the whole demand rows were most of the time. The page needs figures for
 * the unit and its children (`scope: 'children'`); the export lists every unit below.
 */
export async function dashboardData(
	unitId: string,
	period: Period,
	readPeople: boolean,
	scope: 'all' | 'children' = 'all'
): Promise<DashboardData> {
	const { access, stores, metrics } = services();
	const units = (await access.unitsUnder(unitId)).filter((u) => METRIC_KINDS.has(u.kind));
	const gridIds = units.filter((u) => u.kind === 'grid').map((u) => u.id);
	const prev = previousPeriod(period);
	const demands = await inPages((q) => stores.demands.metricFacts(q), {
		gridIds,
		filedFrom: prev.from,
		filedTo: period.to
	});
	const only =
		scope === 'children'
			? new Set(units.filter((u) => u.id === unitId || u.parentId === unitId).map((u) => u.id))
			: undefined;
	const figures = unitFigures(units, demands, period, await metrics.calendar(), only);
	let people: DashboardData['people'] = null;
	if (readPeople) {
		const inPeriod = demands.filter((d) => d.filedAt >= period.from && d.filedAt < period.to);
		// Who took and who resolved is all the person figures read from the events.
		const ids = inPeriod.map((d) => d.id);
		const events: DemandEvent[] = [];
		for (let i = 0; i < ids.length; i += PAGE) {
			events.push(
				...(await stores.demands.eventsOf(ids.slice(i, i + PAGE), ['taken', 'resolved']))
			);
			await new Promise((r) => setImmediate(r));
		}
		const p = personFigures(inPeriod, events, period);
		const names = await stores.users.displayNames(p.people.map((r) => r.userId));
		for (const row of p.people) if (!names.has(row.userId)) names.set(row.userId, row.userId);
		people = { ...p, names };
	}
	return { units, figures, demands, people };
}

/** The unit's whole demands filed in the period (the export's anonymised demands table). */
export async function periodDemands(units: readonly Unit[], period: Period) {
	const { stores } = services();
	return inPages((q) => stores.demands.query(q), {
		gridIds: units.filter((u) => u.kind === 'grid').map((u) => u.id),
		filedFrom: period.from,
		filedTo: period.to
	});
}

/** Rows read per query: a district's 20,000 demands in one read stalled the server ~1 s. */
const PAGE = 2_000;

/**
 * A query's rows (newest first, up to MAX_DEMANDS) read a page at a time with a turn of the
 * event loop in between, so other requests run while a district's dashboard loads. Pages meet at
 * a filing time: the next page starts at the last one's time again and repeats are dropped.
 */
async function inPages<T extends { id: string; filedAt: number }>(
	read: (q: DemandQuery) => Promise<T[]>,
	q: Omit<DemandQuery, 'limit' | 'before'>
): Promise<T[]> {
	const out: T[] = [];
	const seen = new Set<string>();
	let before: number | undefined;
	while (out.length < MAX_DEMANDS) {
		const page = await read({ ...q, before, limit: PAGE });
		let added = 0;
		for (const row of page) {
			if (seen.has(row.id)) continue;
			seen.add(row.id);
			out.push(row);
			added++;
		}
		// A short page is the last; a page of repeats only (PAGE demands filed in one
		// millisecond) would loop forever, so it ends the read too.
		if (page.length < PAGE || added === 0) break;
		before = page[page.length - 1]!.filedAt + 1;
		await new Promise((r) => setImmediate(r));
	}
	return out.slice(0, MAX_DEMANDS);
}

/** What the page needs for the charts, in plain data. */
export function chartsOf(demands: readonly DemandFacts[], period: Period) {
	return { weekly: weeklyCounts(demands, period), categories: categoryCounts(demands, period) };
}

/** Dates for the page and file names: both ends included. */
export function periodDates(period: Period) {
	const prev = previousPeriod(period);
	return {
		from: beijingDate(period.from),
		to: lastDayOf(period),
		prevFrom: beijingDate(prev.from),
		prevTo: lastDayOf(prev)
	};
}

/**
 * The units whose dashboards the user can open from home: each unit where they hold a role with
 * `read_metrics` (units below it are reached from its dashboard).
 */
export async function dashboardUnits(userId: string): Promise<Unit[]> {
	const { access, stores } = services();
	const out = new Map<string, Unit>();
	for (const m of await stores.org.membershipsOf(userId)) {
		if (out.has(m.unitId)) continue;
		const unit = await stores.org.unit(m.unitId);
		if (!unit || !METRIC_KINDS.has(unit.kind)) continue;
		if (canDoWithDemands('read_metrics', await access.rolesIn(userId, unit.id)))
			out.set(unit.id, unit);
	}
	return [...out.values()];
}
