/**
 * The district dashboard's server work, before and after issue 4's scale pass, interleaved in
 * one process so a busy machine slows both alike: whole demand rows + every unit's figures +
 * every event + a name query per person (before) against the metric facts + the unit's and its
 * children's figures + taken/resolved events + one name query (after). Minimum of 5 runs each.
 *
 *   npm run bench:dashboard        (SCALE_COMMUNITIES=30 SCALE_DEMANDS=20000 by default)
 */
import { previousPeriod, unitFigures } from '../src/lib/domain/demandMetrics';
import { personFigures } from '../src/lib/domain/personMetrics';
import { startTestServer } from '../tests/helpers/server';
import { seedDistrictHistory } from '../tests/helpers/seedScale';

const COMMUNITIES = Number(process.env.SCALE_COMMUNITIES ?? 30);
const DEMANDS = Number(process.env.SCALE_DEMANDS ?? 20_000);
const DAY = 86_400_000;

const server = await startTestServer({ config: { log: () => {} } });
try {
	await seedDistrictHistory(server.services.stores, { communities: COMMUNITIES, demands: DEMANDS });
	const { stores, access, metrics } = server.services;
	const unitId = 'd-beichen';
	const now = Date.now();
	const period = { from: now - 90 * DAY, to: now };
	const calendar = await metrics.calendar();

	const before = async () => {
		const units = (await access.unitsUnder(unitId)).filter((u) => u.kind !== 'building');
		const gridIds = units.filter((u) => u.kind === 'grid').map((u) => u.id);
		const q = { gridIds, filedFrom: previousPeriod(period).from, filedTo: now, limit: 200_000 };
		const demands = await stores.demands.query(q);
		unitFigures(units, demands, period, calendar);
		const inPeriod = demands.filter((d) => d.filedAt >= period.from && d.filedAt < period.to);
		const events = await stores.demands.eventsOf(inPeriod.map((d) => d.id));
		const p = personFigures(inPeriod, events, period);
		for (const row of p.people) await stores.users.byId(row.userId);
		return demands.length;
	};
	const after = async () => {
		const units = (await access.unitsUnder(unitId)).filter((u) => u.kind !== 'building');
		const gridIds = units.filter((u) => u.kind === 'grid').map((u) => u.id);
		const q = { gridIds, filedFrom: previousPeriod(period).from, filedTo: now, limit: 200_000 };
		const demands = await stores.demands.metricFacts(q);
		const only = new Set(
			units.filter((u) => u.id === unitId || u.parentId === unitId).map((u) => u.id)
		);
		unitFigures(units, demands, period, calendar, only);
		const inPeriod = demands.filter((d) => d.filedAt >= period.from && d.filedAt < period.to);
		const events = await stores.demands.eventsOf(
			inPeriod.map((d) => d.id),
			['taken', 'resolved']
		);
		const p = personFigures(inPeriod, events, period);
		await stores.users.displayNames(p.people.map((r) => r.userId));
		return demands.length;
	};
	const cpu = async (work: () => Promise<number>) => {
		const c = process.cpuUsage();
		const t = performance.now();
		const n = await work();
		const used = process.cpuUsage(c);
		return { n, cpuMs: (used.user + used.system) / 1000, wallMs: performance.now() - t };
	};
	const runs: Record<'before' | 'after', { cpuMs: number; wallMs: number }[]> = {
		before: [],
		after: []
	};
	let loaded = 0;
	for (let i = 0; i < 5; i++) {
		const b = await cpu(before);
		const a = await cpu(after);
		loaded = b.n;
		runs.before.push(b);
		runs.after.push(a);
	}
	const min = (xs: { cpuMs: number; wallMs: number }[], k: 'cpuMs' | 'wallMs') =>
		Math.round(Math.min(...xs.map((x) => x[k])));
	const figures = {
		demandsLoaded: loaded,
		beforeCpuMs: min(runs.before, 'cpuMs'),
		afterCpuMs: min(runs.after, 'cpuMs'),
		beforeWallMs: min(runs.before, 'wallMs'),
		afterWallMs: min(runs.after, 'wallMs')
	};
	console.log(
		JSON.stringify({
			what: `district dashboard data, ${COMMUNITIES} communities, ${DEMANDS} demands, 90 days`,
			...figures,
			ratio: Math.round((figures.beforeCpuMs / figures.afterCpuMs) * 10) / 10
		})
	);
} finally {
	await server.close();
}
