import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readXlsxRows } from '../../server/files/xlsx';
import { get } from '../helpers/http';
import { startTestServer, type TestServer } from '../helpers/server';

/**
 * Issue 4, "Numbers": the dashboards and their exports over the real server with the demo
 * district's six months of demands. Needs `npm run build` first (the server mounts the app).
 */
let server: TestServer;
const cookies: Record<string, string> = {};
beforeAll(async () => {
	server = await startTestServer({ withApp: true });
	for (const u of ['secretary', 'resident', 'outsider', 'officer', 'grid-leader', 'deputy'])
		cookies[u] = await server.cookieFor(u);
});
afterAll(async () => {
	await server?.close();
});

const PERIOD = 'period=this_year';
const exportPath = (unit: string, q: string) => `/u/${unit}/dashboard/export?${q}&${PERIOD}`;

/** The filers' names and the demo filers' ids, none of which may leave the server in an export. */
async function filerIdentities(): Promise<string[]> {
	const demands = await server.services.stores.demands.query({
		communityIds: ['c-a'],
		limit: 10_000
	});
	const out = new Set<string>();
	for (const d of demands) {
		if (d.residentName) out.add(d.residentName);
		for (const id of [d.residentId, d.enteredBy]) {
			if (!id) continue;
			out.add(id);
			const u = await server.services.stores.users.byId(id);
			if (u) out.add(u.displayName).add(u.username);
		}
	}
	return [...out];
}

describe('who may see a dashboard', () => {
	it('a resident, another community and a grid leader one level up get 404, as for no unit', async () => {
		const refused: [string, string][] = [
			['resident', '/u/c-a/dashboard'],
			['resident', exportPath('c-a', 'format=csv')],
			['outsider', '/u/c-a/dashboard'],
			['outsider', exportPath('c-a', 'format=xlsx')],
			// The officer's street is s-guoyuan: c-c sits under s-jiarong.
			['officer', '/u/c-c/dashboard'],
			['officer', exportPath('s-jiarong', 'format=csv')],
			// A grid leader sees their grid, not the community above it.
			['grid-leader', '/u/c-a/dashboard'],
			['secretary', '/u/c-nope/dashboard'],
			// Buildings are places, not units with dashboards.
			['secretary', '/u/c-a-g1-b1/dashboard']
		];
		for (const [user, path] of refused) {
			const res = await get(server, path, cookies[user]);
			expect(res.status, `${user} ${path}`).toBe(404);
			const body = await res.text();
			expect(body, `${user} ${path}`).not.toContain('点单');
		}
		const noSession = await get(server, '/u/c-a/dashboard');
		expect(noSession.status).toBe(303);
	});

	it('another community’s secretary is refused too (a secretary of c-b made for the test)', async () => {
		const { stores } = server.services;
		await stores.users.create({
			id: 'u-sec-b',
			username: 'secretary-b',
			displayName: '何书记',
			passwordHash: 'x'
		});
		await stores.org.addMembership({ userId: 'u-sec-b', unitId: 'c-b', role: 'secretary' });
		const { token } = await server.services.sessions.create('u-sec-b');
		const cookie = `gz_session=${token}`;
		expect((await get(server, '/u/c-b/dashboard', cookie)).status).toBe(200);
		for (const path of [
			'/u/c-a/dashboard',
			'/u/c-a-g1/dashboard',
			exportPath('c-a', 'format=csv'),
			exportPath('c-a', 'format=xlsx'),
			'/c/c-a/problems'
		])
			expect((await get(server, path, cookie)).status, path).toBe(404);
	});

	it('each role sees the units read_metrics gives it, people only with read_people', async () => {
		const page = async (user: string, unit: string) => {
			const res = await get(server, `/u/${unit}/dashboard?${PERIOD}`, cookies[user]);
			expect(res.status, `${user} ${unit}`).toBe(200);
			return res.text();
		};
		const secretary = await page('secretary', 'c-a');
		expect(secretary).toContain('丽泽园社区');
		expect(secretary).toContain('知事识人');
		// The demo history's most active taker of c-a is a named person in the table.
		expect(secretary).toContain('杨伟');
		const street = await page('officer', 's-guoyuan');
		expect(street).toContain('瑞景苑社区');
		expect(street).toContain('知事识人');
		const deputy = await page('deputy', 'd-beichen');
		expect(deputy).toContain('果园新村街道');
		expect(deputy).not.toContain('知事识人');
		const grid = await page('grid-leader', 'c-a-g1');
		expect(grid).not.toContain('知事识人');
	});

	it('the home page links a dashboard for those with read_metrics, not for a resident', async () => {
		const sec = await (await get(server, '/', cookies.secretary)).text();
		expect(sec).toContain('/u/c-a/dashboard');
		expect(sec).toContain('/c/c-a/problems');
		const res = await (await get(server, '/', cookies.resident)).text();
		expect(res).not.toContain('/dashboard');
		expect(res).not.toContain('/problems');
	});
});

async function sheetNames(bytes: Uint8Array): Promise<string[]> {
	const wb = new ExcelJS.Workbook();
	await wb.xlsx.load(Buffer.from(bytes) as unknown as ExcelJS.Buffer);
	return wb.worksheets.map((w) => w.name);
}

describe('exports', () => {
	it('CSV: a UTF-8 BOM, a Chinese file name with an ASCII fallback, no filer identity', async () => {
		const identities = await filerIdentities();
		expect(identities.length).toBeGreaterThan(3);
		for (const sheet of ['units', 'demands', 'people']) {
			const res = await get(
				server,
				exportPath('c-a', `format=csv&sheet=${sheet}`),
				cookies.secretary
			);
			expect(res.status, sheet).toBe(200);
			expect(res.headers.get('content-type')).toContain('text/csv');
			const bytes = new Uint8Array(await res.arrayBuffer());
			expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
			const text = new TextDecoder().decode(bytes);
			const cd = res.headers.get('content-disposition')!;
			expect(cd).toMatch(
				/^attachment; filename="dashboard-c-a-[\d-]+-[a-z]+\.csv"; filename\*=UTF-8''/
			);
			expect(decodeURIComponent(cd.split("UTF-8''")[1]!)).toContain('丽泽园社区数据看板');
			if (sheet === 'people') continue; // names of takers are the point of that table
			for (const who of identities) expect(text, `${sheet} leaks ${who}`).not.toContain(who);
			if (sheet === 'demands') {
				expect(text.split('\r\n').length).toBeGreaterThan(50);
				expect(text).toContain('物业');
			}
		}
	});

	it('Excel opens with unit, people and demand sheets; unit figures match the store', async () => {
		const res = await get(server, exportPath('c-a', 'format=xlsx'), cookies.secretary);
		expect(res.status).toBe(200);
		const bytes = new Uint8Array(await res.arrayBuffer());
		const units = await readXlsxRows(bytes);
		expect(units[0]).toContain('办结率');
		const community = units.find((r) => r[0] === '丽泽园社区')!;
		const yearStart = Date.parse('2026-01-01T00:00:00+08:00');
		const filed = await server.services.stores.demands.query({
			communityIds: ['c-a'],
			filedFrom: yearStart,
			limit: 10_000
		});
		expect(Number(community[2])).toBe(filed.length);
		expect(await sheetNames(bytes)).toEqual(['单位统计', '个人统计', '点单明细']);
		// A deputy has no read_people: the people sheet is left out and its CSV refused.
		const deputy = await get(server, exportPath('c-a', 'format=xlsx'), cookies.deputy);
		expect(deputy.status).toBe(200);
		expect(await sheetNames(new Uint8Array(await deputy.arrayBuffer()))).toEqual([
			'单位统计',
			'点单明细'
		]);
		const deputyCsv = await get(
			server,
			exportPath('c-a', 'format=csv&sheet=people'),
			cookies.deputy
		);
		expect(deputyCsv.status).toBe(404);
	});

	it('every export is in the audit log, scoped to its unit', async () => {
		const before = (
			await server.services.stores.audit.inScopes({
				scopes: ['c-a-g1'],
				unscoped: false,
				limit: 100
			})
		).filter((e) => e.action === 'export').length;
		const res = await get(server, exportPath('c-a-g1', 'format=csv'), cookies['grid-leader']);
		expect(res.status).toBe(200);
		const after = (
			await server.services.stores.audit.inScopes({
				scopes: ['c-a-g1'],
				unscoped: false,
				limit: 100
			})
		).filter((e) => e.action === 'export');
		expect(after.length).toBe(before + 1);
		expect(after[0]).toMatchObject({ userId: 'u-grid', target: 'dashboard:c-a-g1' });
	});
});

describe('the numbers follow the demands', () => {
	/** The grid's row of the units CSV for this month: [filed, resolved, rated-satisfied share]. */
	async function gridRow(): Promise<string[]> {
		const res = await get(
			server,
			'/u/c-a-g1/dashboard/export?format=csv&sheet=units&period=this_month',
			cookies['grid-leader']
		);
		const text = new TextDecoder().decode(new Uint8Array(await res.arrayBuffer()));
		return text
			.split('\r\n')
			.find((line) => line.startsWith('第1网格,'))!
			.split(',');
	}

	it('a demand filed, dispatched, taken, resolved and rated shows up in the grid’s figures', async () => {
		const before = await gridRow();
		const demands = server.services.demands;
		const id = crypto.randomUUID();
		await demands.file('u-resident', {
			id,
			gridId: 'c-a-g1',
			buildingId: 'c-a-g1-b2',
			category: 'safety_hazard',
			description: '2号楼楼道堆放杂物，堵塞消防通道。'
		});
		await demands.act('u-grid', id, 'dispatch', { to: 'u-party' });
		await demands.act('u-party', id, 'take', {});
		await demands.act('u-party', id, 'resolve', { text: '已清理杂物。' });
		await demands.act('u-resident', id, 'confirm', { rating: 'satisfied' });
		const after = await gridRow();
		// Columns: unit, level, filed, resolved, rate, …, hazards at index 11.
		expect(Number(after[2])).toBe(Number(before[2]) + 1);
		expect(Number(after[3])).toBe(Number(before[3]) + 1);
		expect(Number(after[11])).toBe(Number(before[11]) + 1);
	});
});
