import { describe, expect, it } from 'vitest';
import { demoDemandHistory } from '../../server/demo/demoDemands';
import { DEMO_UNITS } from '../../server/demo/demoDistrict';
import { unitFigures } from '../../src/lib/domain/demandMetrics';

const END = Date.parse('2026-11-26T10:00:00+08:00');
const DAY = 86_400_000;

describe('the demo demand history', () => {
	it('is the same for the same end day, and quick to make', () => {
		const t = performance.now();
		const a = demoDemandHistory(END);
		expect(performance.now() - t).toBeLessThan(500);
		const b = demoDemandHistory(END + 3_600_000);
		expect(b.demands.map((d) => d.id)).toEqual(a.demands.map((d) => d.id));
		expect(a.demands.length).toBeGreaterThan(300);
		// Every event belongs to a demand of the history and happened before the end.
		const ids = new Set(a.demands.map((d) => d.id));
		for (const e of a.events) {
			expect(ids.has(e.demandId)).toBe(true);
			expect(e.at).toBeLessThan(END);
		}
	});

	it('shows the shapes the dashboards are for: faster over time, a weaker grid, escalations', () => {
		const { demands } = demoDemandHistory(END);
		const early = unitFigures(DEMO_UNITS, demands, { from: END - 180 * DAY, to: END - 120 * DAY });
		const late = unitFigures(DEMO_UNITS, demands, { from: END - 60 * DAY, to: END });
		const d = (f: typeof early) => f.get('d-beichen')!;
		// Time to resolve falls by at least a quarter; more demands as residents adopt the app.
		expect(d(late).time.avgHours!).toBeLessThan(d(early).time.avgHours! * 0.75);
		expect(d(late).filed).toBeGreaterThan(d(early).filed);
		// 丽泽园 grid 2 (the 物业 hotspot) is slower and less liked than grid 1.
		const g1 = late.get('c-a-g1')!;
		const g2 = late.get('c-a-g2')!;
		expect(g2.time.medianHours!).toBeGreaterThan(g1.time.medianHours!);
		expect(g2.satisfactionRate!).toBeLessThan(g1.satisfactionRate!);
		// Most small matters stay in the grid, not all.
		expect(d(late).inGridShare!).toBeGreaterThan(0.7);
		expect(d(late).inGridShare!).toBeLessThan(1);
	});
});
