import type { BenchRow } from '../scenarios/types';

/** bench/baseline.json: the quick-mode ratios a change is held to, keyed `scenario | metric`. */
export interface Baseline {
	note: string;
	ratios: Record<string, { ratio: number; higherIsBetter: boolean }>;
}

/**
 * Ratios below this count as this value when judging a regression: a peer three times slower
 * one run and five times the next is noise on a shared machine, not a regression of ours.
 */
const FLOOR = 0.25;

export const rowKey = (r: Pick<BenchRow, 'scenario' | 'metric'>) => `${r.scenario} | ${r.metric}`;

export function baselineOf(rows: BenchRow[]): Baseline {
	const ratios: Baseline['ratios'] = {};
	for (const r of rows)
		if (r.ratio !== undefined && Number.isFinite(r.ratio))
			ratios[rowKey(r)] = { ratio: r.ratio, higherIsBetter: r.higherIsBetter ?? false };
	return {
		note:
			'Quick-mode ratios (Gongzhi ÷ peer). `npm run bench -- --quick --check` fails when one ' +
			'gets more than 2× worse than this (ratios under 0.25 count as 0.25). Rewrite with ' +
			'`npm run bench -- --quick --write-baseline` after a deliberate change.',
		ratios
	};
}

/** The rows whose ratio got more than 2× worse than the baseline's, with a line saying so. */
export function regressions(
	rows: BenchRow[],
	baseline: Baseline
): { row: BenchRow; why: string }[] {
	const out: { row: BenchRow; why: string }[] = [];
	for (const row of rows) {
		const base = baseline.ratios[rowKey(row)];
		if (!base || row.ratio === undefined || !Number.isFinite(row.ratio)) continue;
		const worse = base.higherIsBetter
			? row.ratio < Math.min(base.ratio, 1 / FLOOR) / 2
			: row.ratio > Math.max(base.ratio, FLOOR) * 2;
		if (worse) out.push({ row, why: `${rowKey(row)}: ratio ${row.ratio}, baseline ${base.ratio}` });
	}
	return out;
}
