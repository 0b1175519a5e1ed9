import { isDemandCategory, type Demand, type DemandCategory } from './demands';
import { beijingMidnight, beijingParts } from './metricPeriods';

/**
 * The problem list's raw material (问题清单): demands grouped by category and place (grid, and
 * building when given), counted per month, so a secretary sees what keeps coming back.
 */
export interface MonthSpan {
	/** "2026-06" (Beijing). */
	month: string;
	from: number;
	to: number;
}

/** The last `n` calendar months up to and including the one containing `now`, oldest first. */
export function lastMonths(now: number, n = 6): MonthSpan[] {
	const { year, month } = beijingParts(now);
	return Array.from({ length: n }, (_, i) => {
		const m = month - (n - 1) + i;
		const from = beijingMidnight(year, m);
		const p = beijingParts(from);
		return {
			month: `${p.year}-${String(p.month + 1).padStart(2, '0')}`,
			from,
			to: beijingMidnight(year, m + 1)
		};
	});
}

export interface ProblemGroup {
	key: string;
	category: DemandCategory;
	gridId: string;
	buildingId: string | null;
	/** Counts per month of `lastMonths`, oldest first. */
	months: number[];
	total: number;
	/** Demands of the group not yet linked to a problem-list entry. */
	unlinked: string[];
}

export const groupKey = (category: string, gridId: string, buildingId: string | null) =>
	`${category}|${gridId}|${buildingId ?? ''}`;

/** The parts of a key from a form, or null. Ids are checked against the chain by the caller. */
export function parseGroupKey(
	key: string
): { category: DemandCategory; gridId: string; buildingId: string | null } | null {
	const parts = key.split('|');
	if (parts.length !== 3 || !isDemandCategory(parts[0]) || !parts[1]) return null;
	return { category: parts[0], gridId: parts[1], buildingId: parts[2] || null };
}

/** Groups, biggest first; withdrawn demands are not problems anyone had. */
export function problemGroups(demands: readonly Demand[], months: readonly MonthSpan[]) {
	const first = months[0]!.from;
	const last = months[months.length - 1]!.to;
	const groups = new Map<string, ProblemGroup>();
	for (const d of demands) {
		if (d.state === 'withdrawn' || d.filedAt < first || d.filedAt >= last) continue;
		const key = groupKey(d.category, d.gridId, d.buildingId);
		let g = groups.get(key);
		if (!g) {
			g = {
				key,
				category: d.category,
				gridId: d.gridId,
				buildingId: d.buildingId,
				months: months.map(() => 0),
				total: 0,
				unlinked: []
			};
			groups.set(key, g);
		}
		g.months[months.findIndex((m) => d.filedAt >= m.from && d.filedAt < m.to)]!++;
		g.total++;
		if (d.problemId === null) g.unlinked.push(d.id);
	}
	return [...groups.values()].sort((a, b) => b.total - a.total || a.key.localeCompare(b.key));
}
