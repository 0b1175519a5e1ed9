import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { previousPeriod, unitFigures } from '../../src/lib/domain/demandMetrics';
import { personFigures } from '../../src/lib/domain/personMetrics';
import { startTestServer, type TestServer } from '../helpers/server';

/**
 * Issue 4 at district scale: the dashboards read only the demands' facts and the events they
 * need. Those slim reads must give exactly the figures the whole rows give, on the demo history.
 */
let server: TestServer;
beforeAll(async () => {
	server = await startTestServer();
});
afterAll(async () => {
	await server?.close();
});

const DAY = 86_400_000;

describe('dashboard reads at scale', () => {
	it('figures from the demands facts equal the figures from whole demands (demo district)', async () => {
		const { stores, access, metrics } = server.services;
		const units = (await access.unitsUnder('d-beichen')).filter((u) => u.kind !== 'building');
		const gridIds = units.filter((u) => u.kind === 'grid').map((u) => u.id);
		const now = Date.now();
		const calendar = await metrics.calendar();
		for (const days of [30, 90]) {
			const period = { from: now - days * DAY, to: now };
			const q = { gridIds, filedFrom: previousPeriod(period).from, filedTo: now, limit: 200_000 };
			const whole = await stores.demands.query(q);
			const facts = await stores.demands.metricFacts(q);
			expect(facts.length).toBe(whole.length);
			expect(whole.length).toBeGreaterThan(50);
			const all = unitFigures(units, whole, period, calendar);
			expect(unitFigures(units, facts, period, calendar)).toEqual(all);
			// Only the unit and its children, each as in the full computation.
			const only = new Set(['d-beichen', 's-guoyuan', 's-jiarong']);
			const some = unitFigures(units, facts, period, calendar, only);
			expect([...some.keys()].sort()).toEqual([...only].sort());
			for (const id of only) expect(some.get(id)).toEqual(all.get(id));

			const inPeriod = whole.filter((d) => d.filedAt >= period.from && d.filedAt < period.to);
			const ids = inPeriod.map((d) => d.id);
			const people = personFigures(inPeriod, await stores.demands.eventsOf(ids), period);
			const slim = personFigures(
				facts.filter((d) => d.filedAt >= period.from && d.filedAt < period.to),
				await stores.demands.eventsOf(ids, ['taken', 'resolved']),
				period
			);
			expect(slim).toEqual(people);
			expect(people.people.length).toBeGreaterThan(3);

			const names = await stores.users.displayNames(people.people.map((p) => p.userId));
			for (const p of people.people)
				expect(names.get(p.userId)).toBe((await stores.users.byId(p.userId))?.displayName);
		}
	});
});
