import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { applyServerChange } from '../../server/automerge/serverChange';
import { DEMO_USERS } from '../../server/demo/demoDistrict';
import { parseCsv } from '../../server/files/csv';
import type { Board } from '../../src/lib/domain/board';
import { OVERVIEW_POLICY } from '../../src/lib/domain/policy';
import { PROJECT_STAGES } from '../../src/lib/domain/projects';
import { zhCN } from '../../src/lib/i18n/zh-CN';
import { get } from '../helpers/http';
import { startTestServer, type TestServer } from '../helpers/server';

/**
 * Issue 5, "Overview": the community and district project overviews and their exports over the
 * real server and the demo district. The server's clock stands at 15 February 2027, after the
 * published deadline of the demo's meal-point pledge (2027-01-31) and before the lift's
 * (2027-03-31). Needs `npm run build` first (the server mounts the app).
 */
const CLOCK = Date.parse('2027-02-15T04:00:00Z');
const TOPIC = '东门停车秩序整治';
const MEALS = '独居老人助餐点建设';
const LIFT = '3号楼加装电梯书记项目';
/** In evaluation (rectification under way), its published deadline 2026-11-30. */
const SHED = '北门车棚与照明改造书记项目';
const HEADER = [
	'项目名称',
	'层级',
	'单位',
	'类别',
	'阶段',
	'责任人',
	'承诺期限',
	'是否逾期',
	'满意率',
	'链接'
];

let server: TestServer;
const cookies: Record<string, string> = {};
beforeAll(async () => {
	server = await startTestServer({ withApp: true, config: { now: () => CLOCK } });
	for (const u of DEMO_USERS) cookies[u.username] = await server.cookieFor(u.username);
});
afterAll(async () => {
	await server?.close();
});

/** The page's HTML without Svelte's hydration comments and the blanks between tags. */
const flat = (html: string) => html.replace(/<!--[^>]*-->/g, '').replace(/>\s+</g, '><');
const page = async (path: string, user?: string) => {
	const res = await get(server, path, user ? cookies[user] : undefined);
	return { status: res.status, html: flat(await res.text()) };
};
const boardIdOf = async (title: string) => {
	const docs = await server.services.stores.documents.inCommunities(['c-a']);
	return docs.find((d) => d.title === title)!.id;
};

async function csvRows(path: string, user: string): Promise<string[][]> {
	const res = await get(server, path, cookies[user]);
	expect(res.status, path).toBe(200);
	expect(res.headers.get('content-type')).toContain('text/csv');
	const bytes = new Uint8Array(await res.arrayBuffer());
	expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
	return parseCsv(new TextDecoder().decode(bytes));
}

async function xlsxSheet(path: string, user: string): Promise<ExcelJS.Worksheet> {
	const res = await get(server, path, cookies[user]);
	expect(res.status, path).toBe(200);
	expect(res.headers.get('content-disposition')).toContain("filename*=UTF-8''");
	const wb = new ExcelJS.Workbook();
	await wb.xlsx.load(Buffer.from(await res.arrayBuffer()) as unknown as ExcelJS.Buffer);
	return wb.worksheets[0]!;
}

describe('who may see an overview', () => {
	it('no session is sent to log in; outsiders get the 404 of a unit that does not exist', async () => {
		for (const path of ['/c/c-a/projects', '/u/s-guoyuan/projects', '/c/c-a/projects/export']) {
			const res = await get(server, path);
			expect(res.status, path).toBe(303);
			expect(res.headers.get('location')).toBe(`/login?redirectTo=${encodeURIComponent(path)}`);
		}
		const refused: [string, string][] = [
			// A resident of community B, for community A and the street above both.
			['outsider', '/c/c-a/projects'],
			['outsider', '/c/c-a/projects/export?format=csv'],
			['outsider', '/u/s-guoyuan/projects'],
			['outsider', '/u/s-guoyuan/projects/export?format=xlsx'],
			// A resident sees their community's published projects, never a street's overview.
			['resident', '/u/s-guoyuan/projects'],
			// The officer and the department representative sit at s-guoyuan; c-c is under s-jiarong.
			['officer', '/c/c-c/projects'],
			['officer', '/u/s-jiarong/projects'],
			['officer', '/u/d-beichen/projects'],
			['dept-rep', '/u/d-beichen/projects/export?format=csv'],
			// The account administrator reads no community's projects.
			['admin', '/u/d-beichen/projects'],
			['admin', '/c/c-a/projects'],
			// A community has its own overview (/c/…), and a grid is not a community.
			['secretary', '/u/c-a/projects'],
			['secretary', '/c/c-a-g1/projects']
		];
		const missing = await page('/c/c-nope/projects', 'outsider');
		expect(missing.status).toBe(404);
		for (const [user, path] of refused) {
			const { status, html } = await page(path, user);
			expect(status, `${user} ${path}`).toBe(404);
			expect(html, `${user} ${path}`).not.toContain(LIFT);
			expect(html).not.toContain('书记项目总览');
		}
	});

	it('another community’s secretary sees their own overview and not community A’s', async () => {
		const { stores, sessions } = server.services;
		await stores.users.create({
			id: 'u-sec-b',
			username: 'sec-b',
			displayName: '何书记',
			passwordHash: 'x'
		});
		await stores.org.addMembership({ userId: 'u-sec-b', unitId: 'c-b', role: 'secretary' });
		const cookie = `gz_session=${(await sessions.create('u-sec-b')).token}`;
		expect((await get(server, '/c/c-b/projects', cookie)).status).toBe(200);
		for (const path of [
			'/c/c-a/projects',
			'/c/c-a/projects/export?format=xlsx',
			'/u/s-guoyuan/projects'
		])
			expect((await get(server, path, cookie)).status, path).toBe(404);
	});

	it('each demo user sees community A as OVERVIEW_POLICY says: all, published only, or 404', async () => {
		const reaching = new Set(['c-a', 's-guoyuan', 'd-beichen']);
		for (const u of DEMO_USERS) {
			const roles = [{ unitId: u.unitId, role: u.role }, ...(u.also ?? [])]
				.filter((m) => reaching.has(m.unitId))
				.map((m) => m.role);
			const expected = roles.some((r) => OVERVIEW_POLICY.read_all.includes(r))
				? 'all'
				: roles.some((r) => OVERVIEW_POLICY.read_published.includes(r))
					? 'published'
					: 'none';
			const { status, html } = await page('/c/c-a/projects', u.username);
			if (expected === 'none') {
				expect(status, u.username).toBe(404);
				continue;
			}
			expect(status, u.username).toBe(200);
			expect(html, u.username).toContain(MEALS);
			// The topic's pledge is not published: residents do not see it in the overview.
			expect(html.includes(TOPIC), u.username).toBe(expected === 'all');
		}
	});

	it('the home page links the overviews a user may open', async () => {
		const deputy = await (await get(server, '/', cookies.deputy)).text();
		expect(deputy).toContain('/u/d-beichen/projects');
		const resident = await (await get(server, '/', cookies.resident)).text();
		expect(resident).toContain('/c/c-a/projects');
		expect(resident).not.toContain('/u/s-guoyuan/projects');
		const admin = await (await get(server, '/', cookies.admin)).text();
		expect(admin).not.toContain('/projects');
	});
});

describe('the figures match the demo’s projects', () => {
	it('counts by stage, level and category, and the livelihood share, as the project rows say', async () => {
		const rows = await server.services.stores.projects.inCommunities(['c-a', 'c-b', 'c-c']);
		expect(rows.length).toBeGreaterThanOrEqual(5);
		const count = (pred: (r: (typeof rows)[number]) => boolean) => rows.filter(pred).length;
		for (const path of ['/c/c-a/projects', '/u/d-beichen/projects']) {
			const { status, html } = await page(path, path.startsWith('/c') ? 'secretary' : 'deputy');
			expect(status).toBe(200);
			for (const stage of PROJECT_STAGES)
				expect(html, stage).toContain(
					`<th scope="row">${zhCN.projects.stages[stage]}</th><td>${count((r) => r.stage === stage)}</td>`
				);
			expect(html).toContain(
				`<th scope="row">民生服务</th><td>${count((r) => r.category === 'livelihood')}</td>`
			);
			expect(html).toContain(
				`<th scope="row">村社区级</th><td>${count((r) => r.level === 'community')}</td>`
			);
			const share = new Intl.NumberFormat('zh-CN', {
				style: 'percent',
				maximumFractionDigits: 1
			}).format(count((r) => r.category === 'livelihood') / rows.length);
			expect(html).toContain(`民生服务 ${count((r) => r.category === 'livelihood')}，`);
			expect(html).toContain(share);
		}
	});

	it('the district overview has a row per street and community below it, with its figures', async () => {
		const { html } = await page('/u/d-beichen/projects', 'deputy');
		const total = (await server.services.stores.projects.inCommunities(['c-a'])).length;
		const totalOf = (href: string, name: string) =>
			// Links are relative in the server-rendered page ("../../c/c-a/projects").
			new RegExp(
				`<a href="[^"]*${href.slice(1)}"[^>]*>${name}</a></th><td class="n[^"]*">(\\d+)</td>`
			).exec(html)?.[1];
		expect(totalOf('/c/c-a/projects', '丽泽园社区')).toBe(String(total));
		expect(totalOf('/c/c-c/projects', '宜兴埠社区')).toBe('0');
		// Grouped by street: a street's row adds up its communities.
		expect(totalOf('/u/s-guoyuan/projects', '果园新村街道')).toBe(String(total));
		expect(totalOf('/u/s-jiarong/projects', '佳荣里街道')).toBe('0');
		// The street sees its two communities, not the other street's.
		const street = (await page('/u/s-guoyuan/projects', 'dept-rep')).html;
		expect(street).toContain('瑞景苑社区');
		expect(street).not.toContain('宜兴埠社区');
	});

	it('satisfaction: the latest closed survey’s satisfied share against its threshold', async () => {
		const rows = await csvRows('/c/c-a/projects/export?format=csv', 'secretary');
		const byTitle = new Map(rows.slice(1).map((r) => [r[0], r]));
		// The demo's closed project: 5 of 6 satisfied; the one in rectification: 2 of 5.
		expect(byTitle.get('老旧小区雨污管网改造书记项目')![8]).toBe('0.8333');
		expect(byTitle.get(SHED)![8]).toBe('0.4');
		expect(byTitle.get(LIFT)![8]).toBe('');
		const { html } = await page('/c/c-a/projects', 'secretary');
		expect(html).toContain('满意率 83.3%，达标线 80%，达标');
		expect(html).toContain('满意率 40%，达标线 80%，未达标');
	});
});

describe('overdue pledges', () => {
	it('are read from the latest published revision, never from the board’s draft', async () => {
		const csv = async () =>
			new Map(
				(await csvRows('/c/c-a/projects/export?format=csv', 'secretary'))
					.slice(1)
					.map((r) => [r[0], r[7]])
			);
		const meals = await boardIdOf(MEALS);
		const lift = await boardIdOf(LIFT);
		expect((await csv()).get(MEALS)).toBe('是');
		expect((await csv()).get(LIFT)).toBe('否');
		expect((await csv()).get(TOPIC)).toBe('否');
		// In evaluation, not closed, its published deadline past: still overdue.
		expect((await csv()).get(SHED)).toBe('是');

		// Moving the meal point's deadline on the board without publishing a revision changes nothing.
		await applyServerChange<Board>(
			server.services,
			meals,
			(d) => {
				d.pledge.deadline = '2027-06-30';
			},
			'u-secretary'
		);
		// An earlier deadline in the lift's draft does not make it overdue either…
		await applyServerChange<Board>(
			server.services,
			lift,
			(d) => {
				d.pledge.deadline = '2027-02-01';
			},
			'u-secretary'
		);
		expect((await csv()).get(MEALS)).toBe('是');
		expect((await csv()).get(LIFT)).toBe('否');
		// …until it is published as a revision.
		await server.services.projects.revise('u-secretary', lift, '招标延误，工期调整');
		const after = await csv();
		expect(after.get(LIFT)).toBe('是');
		const rows = await csvRows('/c/c-a/projects/export?format=csv&overdue=1', 'secretary');
		expect(
			rows
				.slice(1)
				.map((r) => r[0])
				.sort()
		).toEqual([LIFT, MEALS, SHED].sort());
		const { html } = await page('/c/c-a/projects?overdue=1', 'secretary');
		expect(html).toContain('显示 3 / ');
	});
});

describe('exports', () => {
	it('Excel and CSV hold the same filtered list, with the agreed columns and board links', async () => {
		const sheet = await xlsxSheet('/u/d-beichen/projects/export?format=xlsx', 'deputy');
		const values = (n: number) =>
			(sheet.getRow(n).values as ExcelJS.CellValue[]).slice(1).map((v) => (v ?? '') as unknown);
		expect(values(1)).toEqual(HEADER);
		const csv = await csvRows('/u/d-beichen/projects/export?format=csv', 'deputy');
		expect(csv[0]).toEqual(HEADER);
		expect(sheet.actualRowCount).toBe(csv.length);
		const projects = await server.services.stores.projects.inCommunities(['c-a', 'c-b', 'c-c']);
		expect(csv.length - 1).toBe(projects.length);
		for (let i = 2; i <= sheet.actualRowCount; i++) {
			const row = values(i);
			expect(String(row[0])).toBe(csv[i - 1]![0]);
			expect(String(row[9])).toMatch(new RegExp(`^${server.url}/board/[\\w]+$`));
		}
		const closed = await csvRows('/u/d-beichen/projects/export?format=csv&stage=closed', 'deputy');
		expect(closed.slice(1).map((r) => r[4])).toEqual(
			projects.filter((p) => p.stage === 'closed').map(() => '已办结')
		);
		// A resident's export holds the published projects only.
		const resident = await csvRows('/c/c-a/projects/export?format=csv', 'resident');
		expect(resident.map((r) => r[0])).not.toContain(TOPIC);
		expect(resident.map((r) => r[0])).toContain(MEALS);
		expect((await get(server, '/c/c-a/projects/export?format=pdf', cookies.secretary)).status).toBe(
			400
		);
	});

	it('cells starting with = + - @ stay text in both formats (formula injection)', async () => {
		const titles = ['=HYPERLINK("http://evil.example","点我")', '+1+1', '-2+3', '@SUM(1,2)'];
		for (const title of titles)
			await server.services.projects.create('u-secretary', { communityId: 'c-a', title });
		const csv = await csvRows('/c/c-a/projects/export?format=csv&stage=topic', 'secretary');
		const csvTitles = csv.slice(1).map((r) => r[0]!);
		for (const title of titles) expect(csvTitles).toContain(`'${title}`);
		const sheet = await xlsxSheet('/c/c-a/projects/export?format=xlsx&stage=topic', 'secretary');
		const found: string[] = [];
		sheet.eachRow((row, n) => {
			if (n === 1) return;
			const cell = row.getCell(1);
			expect(cell.type).toBe(ExcelJS.ValueType.String);
			expect(cell.formula).toBeFalsy();
			found.push(cell.text);
		});
		for (const title of titles) expect(found).toContain(`'${title}`);
		// The page shows the title as typed.
		const { html } = await page('/c/c-a/projects?stage=topic', 'secretary');
		expect(html).toContain('@SUM(1,2)');
	});
});
