import type { Demand } from './demands';
import type { UnitKind } from './roles';
import type { WorkCalendar } from './workdays';

/**
 * The numbers that show the demand flow works ("平均办结时间下降 40%", "发现安全隐患 1661 处",
 * "化解矛盾纠纷 1143 件", "小事不出网格"), per unit and per person. Pure: the server loads demands,
 * events and units and hands them here, so every figure can be checked by hand in a unit test.
 *
 * A period is [from, to). A demand counts in a period when it was FILED in it (a cohort): its
 * resolution, rating and time to resolve are what became of it since, so the figures of a past
 * period are stable except for demands still open, and "resolved / filed" is a true share.
 */

export interface Period {
	from: number;
	to: number;
}

/** The period of equal length just before. */
export function previousPeriod(p: Period): Period {
	return { from: p.from - (p.to - p.from), to: p.from };
}

/**
 * The fields of a demand the figures read. The dashboard loads only these (no descriptions or
 * people), which is a fifth of the bytes of whole demands at district scale.
 */
export type DemandFacts = Pick<
	Demand,
	'id' | 'gridId' | 'category' | 'state' | 'level' | 'filedAt' | 'resolvedAt' | 'rating'
>;

/** What the time figures need from a calendar. */
export type WorkdayCounter = Pick<WorkCalendar, 'workdaysBetween'>;

/** A unit as the metrics need it (the storage Unit has this shape). */
export interface MetricsUnit {
	id: string;
	parentId: string | null;
	kind: UnitKind;
	name: string;
	nameEn: string;
}

export interface TimeFigures {
	/** Demands of the cohort with a resolution time (resolved or closed). */
	count: number;
	avgHours: number | null;
	medianHours: number | null;
	/** Working days on the official calendar, when one was given. */
	avgWorkdays: number | null;
	medianWorkdays: number | null;
}

export interface UnitFigures {
	unitId: string;
	filed: number;
	/** Resolved or closed (the resident has confirmed, or not yet answered). */
	resolved: number;
	resolutionRate: number | null;
	time: TimeFigures;
	previousTime: TimeFigures;
	/** Change of the average / median time against the previous period, in % (negative: faster). */
	avgChangePct: number | null;
	medianChangePct: number | null;
	rated: number;
	satisfied: number;
	satisfactionRate: number | null;
	/** Safety hazards filed (安全隐患). */
	hazards: number;
	/** Disputes resolved or closed (矛盾纠纷化解). */
	disputesSettled: number;
	/** Resolved at grid level, i.e. never escalated (小事不出网格). */
	resolvedInGrid: number;
	inGridShare: number | null;
}

const DONE = new Set(['resolved', 'closed']);
export const isDone = (d: DemandFacts) => DONE.has(d.state) && d.resolvedAt !== null;
const HOUR = 3_600_000;

export const inPeriod = (d: DemandFacts, p: Period) => d.filedAt >= p.from && d.filedAt < p.to;
const ratio = (n: number, of: number) => (of === 0 ? null : n / of);

export function median(values: readonly number[]): number | null {
	if (values.length === 0) return null;
	const s = [...values].sort((a, b) => a - b);
	const mid = s.length >> 1;
	return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

function mean(values: readonly number[]): number | null {
	return values.length === 0 ? null : values.reduce((a, b) => a + b, 0) / values.length;
}

function changePct(now: number | null, before: number | null): number | null {
	if (now === null || before === null || before === 0) return null;
	return ((now - before) / before) * 100;
}

export function timeFigures(
	demands: readonly DemandFacts[],
	calendar?: WorkdayCounter
): TimeFigures {
	const done = demands.filter(isDone);
	const hours = done.map((d) => (d.resolvedAt! - d.filedAt) / HOUR);
	const days = calendar ? done.map((d) => calendar.workdaysBetween(d.filedAt, d.resolvedAt!)) : [];
	return {
		count: done.length,
		avgHours: mean(hours),
		medianHours: median(hours),
		avgWorkdays: calendar ? mean(days) : null,
		medianWorkdays: calendar ? median(days) : null
	};
}

/** Figures for one set of demands (already the unit's), this period against the previous one. */
export function figuresOf(
	unitId: string,
	demands: readonly DemandFacts[],
	period: Period,
	calendar?: WorkdayCounter
): UnitFigures {
	const now = demands.filter((d) => inPeriod(d, period));
	const before = demands.filter((d) => inPeriod(d, previousPeriod(period)));
	const done = now.filter(isDone);
	const rated = now.filter((d) => d.rating !== null);
	const satisfied = rated.filter((d) => d.rating === 'satisfied').length;
	const inGrid = done.filter((d) => d.level === 'grid').length;
	const time = timeFigures(now, calendar);
	const previousTime = timeFigures(before, calendar);
	return {
		unitId,
		filed: now.length,
		resolved: done.length,
		resolutionRate: ratio(done.length, now.length),
		time,
		previousTime,
		avgChangePct: changePct(time.avgHours, previousTime.avgHours),
		medianChangePct: changePct(time.medianHours, previousTime.medianHours),
		rated: rated.length,
		satisfied,
		satisfactionRate: ratio(satisfied, rated.length),
		hazards: now.filter((d) => d.category === 'safety_hazard').length,
		disputesSettled: done.filter((d) => d.category === 'dispute').length,
		resolvedInGrid: inGrid,
		inGridShare: ratio(inGrid, done.length)
	};
}

/** For each unit, the grids at or below it (a demand belongs to every unit above its grid). */
export function gridsUnder(units: readonly MetricsUnit[]): Map<string, Set<string>> {
	const byId = new Map(units.map((u) => [u.id, u] as const));
	const out = new Map<string, Set<string>>(units.map((u) => [u.id, new Set<string>()]));
	for (const u of units) {
		if (u.kind !== 'grid') continue;
		// Walk up within the given units; a cycle in bad data stops at the first repeat.
		const seen = new Set<string>();
		for (let at: MetricsUnit | undefined = u; at && !seen.has(at.id);) {
			seen.add(at.id);
			out.get(at.id)!.add(u.id);
			at = at.parentId === null ? undefined : byId.get(at.parentId);
		}
	}
	return out;
}

/**
 * Figures for every grid, community, street and district among `units` (buildings are places,
 * not units with numbers of their own), or only for the units in `only` (a dashboard shows its
 * unit and the units just below; `units` must still reach down to the grids). `demands` should
 * cover both periods.
 */
export function unitFigures<D extends DemandFacts>(
	units: readonly MetricsUnit[],
	demands: readonly D[],
	period: Period,
	calendar?: WorkCalendar,
	only?: ReadonlySet<string>
): Map<string, UnitFigures> {
	const grids = gridsUnder(units);
	// A demand counts at its grid and at every unit above: its working days are counted once.
	const counter = calendar && memoWorkdays(calendar);
	// Bucket once by grid: each unit then reads only its own grids' demands (a district's
	// thousand grids would otherwise each scan every demand).
	const byGrid = new Map<string, D[]>();
	for (const d of demands) {
		const list = byGrid.get(d.gridId);
		if (list) list.push(d);
		else byGrid.set(d.gridId, [d]);
	}
	const out = new Map<string, UnitFigures>();
	for (const u of units) {
		if (u.kind === 'building' || (only && !only.has(u.id))) continue;
		const own = [...grids.get(u.id)!].flatMap((g) => byGrid.get(g) ?? []);
		out.set(u.id, figuresOf(u.id, own, period, counter));
	}
	return out;
}

/** The calendar's count, remembered per (from, to): the same spans recur at every level. */
function memoWorkdays(calendar: WorkdayCounter): WorkdayCounter {
	const seen = new Map<number, Map<number, number>>();
	return {
		workdaysBetween(from, to) {
			let row = seen.get(from);
			if (!row) seen.set(from, (row = new Map<number, number>()));
			let n = row.get(to);
			if (n === undefined) row.set(to, (n = calendar.workdaysBetween(from, to)));
			return n;
		}
	};
}
