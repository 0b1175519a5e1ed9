/**
 * Issue 4 at district scale: a community of thousands, a district of ~20,000 demands. Measures
 * what a secretary or the district waits for and what everyone else on the server feels meanwhile
 * (the EventLoopMonitor's worst stall, read from /healthz).
 *
 *   npm run bench:scale                  # everything (needs `npm run build` first)
 *   npm run bench:scale -- xlsx chain    # some parts: xlsx, chain, import, dashboard
 *
 * Figures are printed as one JSON line per measurement.
 */
import { readXlsxRows, writeXlsx } from '../server/files/xlsx';
import { toCsv } from '../server/files/csv';
import { startTestServer, type TestServer } from '../tests/helpers/server';
import { scalePhone, seedBigCommunity, seedDistrictHistory } from '../tests/helpers/seedScale';

const RESIDENTS = Number(process.env.SCALE_RESIDENTS ?? 5000);
const BUILDINGS = 60;
const COMMUNITIES = Number(process.env.SCALE_COMMUNITIES ?? 30);
const DEMANDS = Number(process.env.SCALE_DEMANDS ?? 20_000);
const parts = new Set(process.argv.slice(2).filter((a) => !a.startsWith('-')));
const want = (p: string) => parts.size === 0 || parts.has(p);

const mb = (n: number) => Math.round(n / 1024 / 102.4) / 10;
function report(what: string, figures: Record<string, unknown>) {
	console.log(JSON.stringify({ what, ...figures }));
}

async function timed<T>(work: () => Promise<T>): Promise<[T, number]> {
	const t = performance.now();
	const out = await work();
	return [out, Math.round(performance.now() - t)];
}

async function health(server: TestServer, reset = false) {
	const url = `${server.url}/healthz?gc=1${reset ? '&reset=eventLoop' : ''}`;
	// Once more on a reset: a kept-alive connection may have timed out during a long seed.
	const res = await fetch(url).catch(() => fetch(url));
	return (await res.json()) as {
		eventLoop: { maxDelayMs: number; p99DelayMs: number };
		memory: { rssBytes: number; heapUsedBytes: number };
	};
}

/** Runs `work` against the server and says how long it took and how long the loop stalled. */
async function underLoad<T>(server: TestServer, work: () => Promise<T>) {
	await health(server, true);
	const [out, ms] = await timed(work);
	const h = await health(server);
	return {
		out,
		ms,
		loopMaxMs: h.eventLoop.maxDelayMs,
		loopP99Ms: h.eventLoop.p99DelayMs,
		rssMb: mb(h.memory.rssBytes)
	};
}

function residentRows(n: number, grids: number, buildings: number) {
	const rows: string[][] = [['网格', '楼栋', '房号', '姓名', '手机号', '身份']];
	for (let i = 0; i < n; i++) {
		const b = i % buildings;
		rows.push([
			`导入网格${b % grids}`,
			`${b}号楼`,
			`${1 + (i % 6)}单元${100 + (i % 30)}`,
			`导入居民${i}`,
			scalePhone(500_000 + i),
			i % 50 === 0 ? '党员' : '居民'
		]);
	}
	return rows;
}

async function benchXlsx() {
	const rows = Array.from({ length: 20_000 }, (_, i) =>
		Array.from({ length: 10 }, (_, c) => (c % 3 === 0 ? i * 10 + c : `单元格${i}-${c}`))
	);
	const rss0 = process.memoryUsage().rss;
	const [bytes, writeMs] = await timed(() => writeXlsx([{ name: 'bench', rows }]));
	const [read, readMs] = await timed(() => readXlsxRows(bytes, { maxRows: 20_001 }));
	report('xlsx 20,000×10 in this process', {
		writeMs,
		readMs,
		bytes: bytes.length,
		rowsRead: read.length,
		rssGrowthMb: mb(process.memoryUsage().rss - rss0)
	});
}

async function login(server: TestServer, username: string) {
	return server.cookieFor(username);
}

async function benchChain(server: TestServer) {
	const [seeded, seedMs] = await timed(() =>
		seedBigCommunity(server.services.stores, {
			communityId: 'c-a',
			residents: RESIDENTS,
			grids: 6,
			buildingsPerGrid: BUILDINGS / 6
		})
	);
	report('seed big community', { residents: seeded.residentIds.length, seedMs });
	const cookie = await login(server, 'secretary');
	for (const run of [1, 2]) {
		const r = await underLoad(server, async () => {
			const res = await fetch(`${server.url}/c/c-a/chain`, { headers: { cookie } });
			return { status: res.status, bytes: (await res.arrayBuffer()).byteLength };
		});
		report(`GET /c/c-a/chain (${RESIDENTS} residents, ${BUILDINGS + 2} buildings), run ${run}`, {
			status: r.out.status,
			htmlMb: mb(r.out.bytes),
			htmlBytes: r.out.bytes,
			ms: r.ms,
			loopMaxMs: r.loopMaxMs
		});
	}
}

async function benchImport(server: TestServer) {
	const cookie = await login(server, 'secretary');
	const rows = residentRows(RESIDENTS, 4, 40);
	const xlsx = await writeXlsx([{ name: '居民', rows }]);
	const csv = new TextEncoder().encode(toCsv(rows));
	report(`import file of ${RESIDENTS} residents`, { xlsxBytes: xlsx.length, csvBytes: csv.length });
	const preview = (bytes: Uint8Array, name: string) =>
		underLoad(server, async () => {
			const body = new FormData();
			body.set('file', new Blob([new Uint8Array(bytes)]), name);
			const res = await fetch(`${server.url}/c/c-a/chain/import?/preview`, {
				method: 'POST',
				headers: { accept: 'text/html', origin: server.url, cookie },
				body
			});
			const html = await res.text();
			return { status: res.status, key: /name="key" value="([^"]+)"/.exec(html)?.[1] };
		});
	const p = await preview(xlsx, 'residents.xlsx');
	report('import preview .xlsx', { status: p.out.status, ok: !!p.out.key, ...strip(p) });
	const c = await preview(csv, 'residents.csv');
	report('import preview .csv', { status: c.out.status, ok: !!c.out.key, ...strip(c) });
	// A newer preview by the same secretary replaces the older one: apply the CSV's.
	if (c.out.key) {
		const a = await underLoad(server, async () => {
			const res = await fetch(`${server.url}/c/c-a/chain/import?/apply`, {
				method: 'POST',
				headers: {
					accept: 'text/html',
					origin: server.url,
					cookie,
					'content-type': 'application/x-www-form-urlencoded'
				},
				body: new URLSearchParams({ key: c.out.key! }).toString()
			});
			await res.text();
			return res.status;
		});
		report('import apply', {
			status: a.out,
			residents: await server.services.stores.residents.count('c-a'),
			...strip(a)
		});
	}
}

const strip = <T extends { out: unknown }>(r: T) => {
	const { out: _out, ...rest } = r;
	return rest;
};

async function benchDashboard(server: TestServer) {
	const [seeded, seedMs] = await timed(() =>
		seedDistrictHistory(server.services.stores, { communities: COMMUNITIES, demands: DEMANDS })
	);
	report('seed district history', { ...seeded, communityIds: undefined, seedMs });
	// A district officer sees the district's numbers and its people (read_metrics, read_people).
	await server.services.stores.org.addMembership({
		userId: 'u-officer',
		unitId: 'd-beichen',
		role: 'officer'
	});
	const cookie = await login(server, 'officer');
	const url = (path: string) => `${server.url}/u/d-beichen/dashboard${path}`;
	for (const [label, path] of [
		['dashboard this_quarter', '?period=this_quarter'],
		['dashboard last_180_days', '?period=custom&from=2026-05-01&to=2026-11-25'],
		[
			'export xlsx last 180 days',
			'/export?format=xlsx&period=custom&from=2026-05-01&to=2026-11-25'
		],
		['export csv demands', '/export?format=csv&sheet=demands&period=this_quarter']
	] as const) {
		for (const run of [1, 2]) {
			const r = await underLoad(server, async () => {
				const res = await fetch(url(path), { headers: { cookie } });
				return { status: res.status, bytes: (await res.arrayBuffer()).byteLength };
			});
			report(`${label}, run ${run}`, { status: r.out.status, bytes: r.out.bytes, ...strip(r) });
		}
	}
	// The paged read must lose no demand: the CSV has one line per demand of the period.
	const res = await fetch(
		url('/export?format=csv&sheet=demands&period=custom&from=2026-05-01&to=2026-11-25'),
		{
			headers: { cookie }
		}
	);
	const lines = (await res.text()).trimEnd().split('\r\n').length - 1;
	const from = Date.parse('2026-05-01T00:00:00+08:00');
	const to = Date.parse('2026-11-26T00:00:00+08:00');
	const units = await server.services.access.unitsUnder('d-beichen');
	const facts = await server.services.stores.demands.metricFacts({
		gridIds: units.filter((u) => u.kind === 'grid').map((u) => u.id),
		filedFrom: from,
		filedTo: to,
		limit: 1_000_000
	});
	report('export csv completeness', { csvDemands: lines, storeDemands: facts.length });
}

if (want('xlsx')) await benchXlsx();
if (want('chain') || want('import') || want('dashboard')) {
	const server = await startTestServer({ withApp: true, config: { log: () => {} } });
	try {
		if (want('chain')) await benchChain(server);
		if (want('import')) await benchImport(server);
		if (want('dashboard')) await benchDashboard(server);
	} finally {
		await server.close();
	}
}
