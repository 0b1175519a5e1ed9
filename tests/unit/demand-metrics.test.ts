import { describe, expect, it } from 'vitest';
import { previousPeriod, unitFigures, type MetricsUnit } from '../../src/lib/domain/demandMetrics';
import type { Demand, DemandEvent, DemandEventKind } from '../../src/lib/domain/demands';
import { categoryCounts, weeklyCounts } from '../../src/lib/domain/demandSeries';
import { customPeriod, presetPeriod } from '../../src/lib/domain/metricPeriods';
import { personFigures } from '../../src/lib/domain/personMetrics';
import { lastMonths, problemGroups } from '../../src/lib/domain/problemGroups';
import { WorkCalendar } from '../../src/lib/domain/workdays';

/**
 * A hand-checked data set. Every expected figure below is worked out in the comments first.
 *
 * Units: district D → street S → community C1 (grids G1, G2; building B1 under G1) and
 * community C2 (grid G3).
 * Period: November 2026, Beijing time: T0 = 2026-11-01 00:00 (a Sunday) to 2026-12-01 00:00.
 * Previous period: the 30 days before T0.
 *
 * Demands (h = hours after T0):
 *   d1 G1 repair        filed  0h, resolved 10h (10 h),   closed, satisfied,   level grid
 *   d2 G1 safety_hazard filed 24h, resolved 44h (20 h),   resolved, unrated,   level grid
 *   d3 G1 dispute       filed 48h, resolved 78h (30 h),   closed, unsatisfied, level community
 *   d4 G2 dispute       filed 72h, taken (open)                                 level grid
 *   d5 G2 repair        filed 96h, resolved 136h (40 h),  closed, satisfied,   level grid
 *   d6 G3 safety_hazard filed 120h, filed (open)                                level grid
 * Previous period:
 *   p1 G1 repair  filed T0−10d, resolved after 20 h, closed, satisfied, grid
 *   p2 G2 repair  filed T0−5d,  resolved after 40 h, resolved, grid
 * Next period (counted nowhere): o1 G1 repair filed T0+31d.
 */
const H = 3_600_000;
const D = 24 * H;
const T0 = Date.parse('2026-11-01T00:00:00+08:00');
const NOVEMBER = { from: T0, to: Date.parse('2026-12-01T00:00:00+08:00') };

const UNITS: MetricsUnit[] = [
	{ id: 'D', parentId: null, kind: 'district', name: '区', nameEn: 'D' },
	{ id: 'S', parentId: 'D', kind: 'street', name: '街道', nameEn: 'S' },
	{ id: 'C1', parentId: 'S', kind: 'community', name: '社区一', nameEn: 'C1' },
	{ id: 'G1', parentId: 'C1', kind: 'grid', name: '网格一', nameEn: 'G1' },
	{ id: 'B1', parentId: 'G1', kind: 'building', name: '1号楼', nameEn: 'B1' },
	{ id: 'G2', parentId: 'C1', kind: 'grid', name: '网格二', nameEn: 'G2' },
	{ id: 'C2', parentId: 'S', kind: 'community', name: '社区二', nameEn: 'C2' },
	{ id: 'G3', parentId: 'C2', kind: 'grid', name: '网格三', nameEn: 'G3' }
];

function demand(
	id: string,
	gridId: string,
	category: Demand['category'],
	filedAt: number,
	rest: Partial<Demand> = {}
): Demand {
	return {
		id,
		communityId: gridId === 'G3' ? 'C2' : 'C1',
		gridId,
		buildingId: null,
		category,
		description: '',
		urgent: false,
		visibility: 'private',
		about: null,
		residentId: 'u-res',
		residentName: null,
		enteredBy: null,
		state: 'filed',
		level: 'grid',
		assignee: null,
		filedAt,
		takeBy: null,
		resolveBy: null,
		takenAt: null,
		resolvedAt: null,
		closedAt: null,
		rating: null,
		resolution: null,
		problemId: null,
		updatedAt: filedAt,
		...rest
	};
}

const done = (filedAt: number, hours: number, rest: Partial<Demand>): Partial<Demand> => ({
	resolvedAt: filedAt + hours * H,
	...rest
});

const DEMANDS: Demand[] = [
	demand('d1', 'G1', 'repair', T0, done(T0, 10, { state: 'closed', rating: 'satisfied' })),
	demand('d2', 'G1', 'safety_hazard', T0 + 24 * H, done(T0 + 24 * H, 20, { state: 'resolved' })),
	demand(
		'd3',
		'G1',
		'dispute',
		T0 + 48 * H,
		done(T0 + 48 * H, 30, { state: 'closed', rating: 'unsatisfied', level: 'community' })
	),
	demand('d4', 'G2', 'dispute', T0 + 72 * H, { state: 'taken' }),
	demand(
		'd5',
		'G2',
		'repair',
		T0 + 96 * H,
		done(T0 + 96 * H, 40, { state: 'closed', rating: 'satisfied' })
	),
	demand('d6', 'G3', 'safety_hazard', T0 + 120 * H),
	demand(
		'p1',
		'G1',
		'repair',
		T0 - 10 * D,
		done(T0 - 10 * D, 20, { state: 'closed', rating: 'satisfied' })
	),
	demand('p2', 'G2', 'repair', T0 - 5 * D, done(T0 - 5 * D, 40, { state: 'resolved' })),
	demand('o1', 'G1', 'repair', T0 + 31 * D, done(T0 + 31 * D, 5, { state: 'closed' }))
];

describe('unit figures on the hand-checked set', () => {
	const figures = unitFigures(UNITS, DEMANDS, NOVEMBER);

	it('the previous period is the same length, just before', () => {
		expect(previousPeriod(NOVEMBER)).toEqual({ from: T0 - 30 * D, to: T0 });
	});

	it('a grid: G1 — 3 filed, all resolved, 10/20/30 h, one of two rated satisfied', () => {
		const g1 = figures.get('G1')!;
		// d1, d2, d3 filed; all three resolved or closed → rate 3/3.
		expect([g1.filed, g1.resolved, g1.resolutionRate]).toEqual([3, 3, 1]);
		// Times 10, 20, 30 h → average 20, median 20. Previous: p1 alone, 20 h → change 0 %.
		expect([g1.time.avgHours, g1.time.medianHours]).toEqual([20, 20]);
		expect([g1.previousTime.avgHours, g1.avgChangePct, g1.medianChangePct]).toEqual([20, 0, 0]);
		// Rated: d1 satisfied, d3 unsatisfied → 1/2.
		expect([g1.rated, g1.satisfied, g1.satisfactionRate]).toEqual([2, 1, 0.5]);
		// Hazards: d2. Disputes settled: d3 (closed). In the grid: d1, d2 of 3 resolved (d3 went up).
		expect([g1.hazards, g1.disputesSettled, g1.resolvedInGrid]).toEqual([1, 1, 2]);
		expect(g1.inGridShare).toBeCloseTo(2 / 3, 10);
	});

	it('a grid: G2 — an open dispute is filed but not settled', () => {
		const g2 = figures.get('G2')!;
		// d4 (taken, open) and d5 (closed, 40 h) → 1 of 2 resolved.
		expect([g2.filed, g2.resolved, g2.resolutionRate]).toEqual([2, 1, 0.5]);
		expect([g2.time.avgHours, g2.time.medianHours, g2.avgChangePct]).toEqual([40, 40, 0]);
		expect([g2.rated, g2.satisfactionRate, g2.hazards, g2.disputesSettled]).toEqual([1, 1, 0, 0]);
		expect([g2.resolvedInGrid, g2.inGridShare]).toEqual([1, 1]);
	});

	it('a community adds its grids: C1 — average 25 h against 30 h before, −16.7 %', () => {
		const c1 = figures.get('C1')!;
		// Filed d1..d5 = 5; resolved d1, d2, d3, d5 = 4 → 0.8.
		expect([c1.filed, c1.resolved, c1.resolutionRate]).toEqual([5, 4, 0.8]);
		// Times 10, 20, 30, 40 → average 25, median (20+30)/2 = 25.
		// Previous: p1 20, p2 40 → average 30, median 30. Change (25−30)/30 = −16.67 %.
		expect([c1.time.avgHours, c1.time.medianHours]).toEqual([25, 25]);
		expect([c1.previousTime.avgHours, c1.previousTime.medianHours]).toEqual([30, 30]);
		expect(c1.avgChangePct).toBeCloseTo(-100 / 6, 10);
		expect(c1.medianChangePct).toBeCloseTo(-100 / 6, 10);
		// Rated d1 ✓, d3 ✗, d5 ✓ → 2/3. Hazards d2. Disputes settled d3. In grid d1, d2, d5 of 4.
		expect([c1.rated, c1.satisfied]).toEqual([3, 2]);
		expect([c1.hazards, c1.disputesSettled, c1.resolvedInGrid, c1.inGridShare]).toEqual([
			1, 1, 3, 0.75
		]);
	});

	it('a unit with nothing resolved has no time, no satisfaction and no share (not zero)', () => {
		const c2 = figures.get('C2')!;
		// d6 only, still open.
		expect([c2.filed, c2.resolved, c2.resolutionRate, c2.hazards]).toEqual([1, 0, 0, 1]);
		expect([c2.time.avgHours, c2.time.medianHours, c2.avgChangePct]).toEqual([null, null, null]);
		expect([c2.satisfactionRate, c2.inGridShare]).toEqual([null, null]);
	});

	it('street and district add every community; buildings get no figures of their own', () => {
		for (const id of ['S', 'D']) {
			const f = figures.get(id)!;
			// d1..d6 = 6 filed, 4 resolved; hazards d2, d6; the rest as C1.
			expect([f.filed, f.resolved, f.hazards, f.disputesSettled]).toEqual([6, 4, 2, 1]);
			expect(f.resolutionRate).toBeCloseTo(4 / 6, 10);
			expect([f.time.avgHours, f.time.medianHours, f.inGridShare]).toEqual([25, 25, 0.75]);
		}
		expect(figures.has('B1')).toBe(false);
	});

	it('working days count only working time: a Sunday resolution takes 0 days', () => {
		const g1 = unitFigures(UNITS, DEMANDS, NOVEMBER, new WorkCalendar([])).get('G1')!;
		// d1 Sun 00:00 → Sun 10:00: 0. d2 Mon 00:00 → Mon 20:00: 20/24. d3 Tue 00:00 → Wed 06:00:
		// 30/24. Average (0 + 0.8333 + 1.25)/3 = 0.6944; median 0.8333.
		expect(g1.time.avgWorkdays).toBeCloseTo((0 + 20 / 24 + 30 / 24) / 3, 10);
		expect(g1.time.medianWorkdays).toBeCloseTo(20 / 24, 10);
		expect(unitFigures(UNITS, DEMANDS, NOVEMBER).get('G1')!.time.avgWorkdays).toBeNull();
	});
});

describe('person figures on the hand-checked set', () => {
	const ev = (demandId: string, h: number, actor: string, kind: DemandEventKind): DemandEvent => ({
		demandId,
		at: T0 + h * H,
		actor,
		kind,
		detail: null
	});
	/**
	 * u-a takes d1, d3, d5 and resolves d1, d5 and d3 (first time); d3 is reopened, re-dispatched
	 * to u-c, who takes and resolves it last. u-b takes d2 and d4, resolves d2. u-z took p1
	 * (previous period: not counted).
	 */
	const EVENTS: DemandEvent[] = [
		ev('d1', 1, 'u-a', 'taken'),
		ev('d1', 10, 'u-a', 'resolved'),
		ev('d2', 25, 'u-b', 'taken'),
		ev('d2', 44, 'u-b', 'resolved'),
		ev('d3', 49, 'u-a', 'taken'),
		ev('d3', 60, 'u-a', 'resolved'),
		ev('d3', 62, 'u-res', 'reopened'),
		ev('d3', 70, 'u-c', 'taken'),
		ev('d3', 78, 'u-c', 'resolved'),
		ev('d4', 73, 'u-b', 'taken'),
		ev('d5', 97, 'u-a', 'taken'),
		ev('d5', 136, 'u-a', 'resolved'),
		ev('p1', -200, 'u-z', 'taken')
	];

	it('credits the last resolver, counts distinct takers, leaves resources unknown', () => {
		// Shuffled: the order of the input must not matter.
		const r = personFigures(DEMANDS, [...EVENTS].reverse(), NOVEMBER);
		// u-a: took d1, d3, d5 = 3; last resolver of d1, d5 = 2, both satisfied → 1.
		// u-b: took d2, d4 = 2; resolved d2 (unrated) → rate null.
		// u-c: took d3 = 1; resolved d3, unsatisfied → 0.
		expect(r.people).toEqual([
			{ userId: 'u-a', taken: 3, resolved: 2, rated: 2, satisfied: 2, satisfactionRate: 1 },
			{ userId: 'u-b', taken: 2, resolved: 1, rated: 0, satisfied: 0, satisfactionRate: null },
			{ userId: 'u-c', taken: 1, resolved: 1, rated: 1, satisfied: 0, satisfactionRate: 0 }
		]);
		expect(r.volunteersMobilised).toBe(3);
		expect(r.resourcesBroughtIn).toBeNull();
	});
});

describe('charts and periods', () => {
	it('weeks start on Monday (Beijing) and keep empty weeks', () => {
		const weeks = weeklyCounts(DEMANDS, NOVEMBER);
		// Nov 1 is a Sunday: the first week is cut to that one day; then Mondays 2, 9, 16, 23, 30.
		expect(weeks.map((w) => w.week)).toEqual([
			'2026-11-01',
			'2026-11-02',
			'2026-11-09',
			'2026-11-16',
			'2026-11-23',
			'2026-11-30'
		]);
		// d1 on Sunday; d2..d6 Mon–Fri of the next week; of those d2, d3, d5 resolved.
		expect(weeks.map((w) => w.filed)).toEqual([1, 5, 0, 0, 0, 0]);
		expect(weeks.map((w) => w.resolved)).toEqual([1, 3, 0, 0, 0, 0]);
	});

	it('counts every category of the period, zeros included', () => {
		const c = Object.fromEntries(
			categoryCounts(DEMANDS, NOVEMBER).map((x) => [x.category, x.count])
		);
		expect(c).toMatchObject({ repair: 2, safety_hazard: 2, dispute: 2, parking: 0 });
	});

	it('presets follow the Beijing calendar; a custom period includes its last day', () => {
		// 2026-11-30 20:00 UTC is already December 1st in Beijing.
		const now = Date.parse('2026-11-30T20:00:00Z');
		expect(presetPeriod('this_month', now).from).toBe(Date.parse('2026-12-01T00:00:00+08:00'));
		expect(presetPeriod('last_month', now)).toEqual(NOVEMBER);
		expect(presetPeriod('this_quarter', now).from).toBe(Date.parse('2026-10-01T00:00:00+08:00'));
		expect(presetPeriod('this_year', now).to).toBe(Date.parse('2027-01-01T00:00:00+08:00'));
		expect(customPeriod('2026-11-01', '2026-11-30')).toEqual(NOVEMBER);
		expect(customPeriod('2026-11-30', '2026-11-01')).toBeNull();
		expect(customPeriod('2026-02-30', '2026-03-01')).toBeNull();
		expect(customPeriod('2020-01-01', '2026-01-01')).toBeNull();
	});
});

describe('problem-list groups', () => {
	it('groups by category, grid and building, per Beijing month, leaving out withdrawn', () => {
		const months = lastMonths(NOVEMBER.from + 10 * D);
		expect(months.map((m) => m.month)).toEqual([
			'2026-06',
			'2026-07',
			'2026-08',
			'2026-09',
			'2026-10',
			'2026-11'
		]);
		const extra = [
			demand('w1', 'G1', 'repair', T0 + H, { buildingId: 'B1', state: 'withdrawn' }),
			demand('b1', 'G1', 'repair', T0 + 2 * H, { buildingId: 'B1', problemId: 'pr-1' }),
			demand('b2', 'G1', 'repair', T0 - 40 * D, { buildingId: 'B1' })
		];
		const groups = problemGroups([...DEMANDS, ...extra], months);
		// G1 repair without building: d1 (Nov), p1 (Oct 22); o1 is December, outside.
		const g1 = groups.find((g) => g.key === 'repair|G1|')!;
		expect(g1.months).toEqual([0, 0, 0, 0, 1, 1]);
		// G1 repair at B1: b1 (Nov, already linked), b2 (Sep 22); w1 withdrawn.
		const b = groups.find((g) => g.key === 'repair|G1|B1')!;
		expect([b.total, b.months[3], b.months[5], b.unlinked]).toEqual([2, 1, 1, ['b2']]);
	});
});
