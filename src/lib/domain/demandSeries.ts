import { inPeriod, type DemandFacts, type Period } from './demandMetrics';
import { DEMAND_CATEGORIES, type DemandCategory } from './demands';
import { beijingDate } from './metricPeriods';

/** Shapes for the dashboard charts: demands per week and per category in a period. */

const DAY = 86_400_000;
const WEEK = 7 * DAY;
const OFFSET = 8 * 3_600_000;

/** 00:00 Beijing time of the Monday of the week containing `ms`. */
export function weekStart(ms: number): number {
	const day = Math.floor((ms + OFFSET) / DAY);
	// 1970-01-01 was a Thursday: (day + 3) % 7 is 0 on Mondays.
	const monday = day - ((day + 3) % 7);
	return monday * DAY - OFFSET;
}

export interface WeekCount {
	/** Monday of the week, "YYYY-MM-DD" (Beijing). */
	week: string;
	start: number;
	filed: number;
	resolved: number;
}

/**
 * Demands filed per week of the period (weeks that start before the period are cut to it), and
 * how many of those have since been resolved. Empty weeks are kept: a trend needs its zeros.
 */
export function weeklyCounts(demands: readonly DemandFacts[], period: Period): WeekCount[] {
	const out: WeekCount[] = [];
	const index = new Map<number, WeekCount>();
	for (let w = weekStart(period.from); w < period.to; w += WEEK) {
		const row = { week: beijingDate(Math.max(w, period.from)), start: w, filed: 0, resolved: 0 };
		out.push(row);
		index.set(w, row);
	}
	for (const d of demands) {
		if (!inPeriod(d, period)) continue;
		const row = index.get(weekStart(d.filedAt))!;
		row.filed++;
		if (d.state === 'resolved' || d.state === 'closed') row.resolved++;
	}
	return out;
}

/** Demands filed per category in the period, every category listed (zeros included). */
export function categoryCounts(
	demands: readonly DemandFacts[],
	period: Period
): { category: DemandCategory; count: number }[] {
	const counts = new Map<DemandCategory, number>(DEMAND_CATEGORIES.map((c) => [c, 0]));
	for (const d of demands)
		if (inPeriod(d, period)) counts.set(d.category, counts.get(d.category)! + 1);
	return DEMAND_CATEGORIES.map((category) => ({ category, count: counts.get(category)! }));
}
