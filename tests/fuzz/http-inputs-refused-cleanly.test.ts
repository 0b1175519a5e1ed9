import Database from 'better-sqlite3';
import { randomUUID } from 'node:crypto';
import { connect } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { DEMO_MEETINGS } from '../../server/demo/demoMeetings';
import { startTestServer, type TestServer } from '../helpers/server';
import { brokenForm, brokenJson, oddString } from './lib/httpBodies';
import { pathPart, runHttpFuzz, type HttpTarget } from './lib/httpFuzzLoop';
import type { Rng } from './lib/Rng';

/**
 * Issue 4's HTTP inputs under fuzzing: malformed JSON, forms and multipart bodies to the demand
 * API, a demand's steps and form, photo upload, registration and the chain import (and issue 5's
 * resource requests and resource list actions, issue 6's meeting comments). Every answer
 * must be below 500 (a refusal with a code: JSON `{error}` from the API, a form failure from a
 * page action); a refused request leaves every table's row count as it was; the server keeps
 * answering a bystander; the event loop's worst delay is reported. `HTTP_FUZZ_REQUESTS` sets
 * the size (CI: 2000).
 */
const REQUESTS = Number(process.env.HTTP_FUZZ_REQUESTS ?? 2000);
const SEED = Number(process.env.HTTP_FUZZ_SEED ?? 11);
const TABLES = [
	'units',
	'users',
	'memberships',
	'residents',
	'phone_codes',
	'files',
	'problems',
	'demands',
	'demand_events',
	'demand_photos',
	'notifications',
	'resource_items',
	'resource_requests',
	'meeting_comments'
];

let server: TestServer;
let db: Database.Database;
const cookies: Record<string, string> = {};
let demandId = '';
/** The lift's board, a street item it may request, and a pending request of it (issue 5). */
let boardId = '';
let streetItem = '';
let requestId = '';
/** Community A's published meeting and a resident's comment on it (issue 6). */
let commentMeeting = '';
let commentId = '';

beforeAll(async () => {
	// A stopped clock, swept once: the minute timer then finds nothing to escalate, so any row
	// that changes during the run was written by a fuzz request.
	const now = Date.now();
	server = await startTestServer({ withApp: true, config: { now: () => now } });
	await server.services.demands.sweep();
	for (const u of ['resident', 'grid-leader', 'secretary', 'dept-rep'])
		cookies[u] = await server.cookieFor(u);
	demandId = randomUUID();
	await server.services.demands.file('u-resident', {
		id: demandId,
		gridId: 'c-a-g1',
		category: 'repair',
		description: '模糊测试'
	});
	const { resources, stores } = server.services;
	boardId = server.boardId;
	streetItem = (await stores.resources.itemsIn(['s-guoyuan']))[0]!.id;
	requestId = await resources.request('u-secretary', boardId, streetItem, '模糊测试');
	commentMeeting = DEMO_MEETINGS.find((m) => m.state === 'published')!.id;
	commentId = (
		await server.services.comments.service.post('u-resident', commentMeeting, {
			clientKey: randomUUID(),
			body: '模糊测试'
		})
	).comment!.id;
	db = new Database(join(server.dataDir, 'gongzhi.sqlite'), { readonly: true });
});
afterAll(async () => {
	db?.close();
	await server?.close();
});

const counts = () =>
	TABLES.map((t) => (db.prepare(`SELECT count(*) AS n FROM ${t}`).get() as { n: number }).n).join(
		','
	);

const FILING = {
	id: '',
	gridId: 'c-a-g1',
	buildingId: 'c-a-g1-b1',
	category: 'repair',
	description: '灯坏了',
	visibility: 'private',
	about: null,
	urgent: false,
	onBehalfOf: ''
};
const PERSON = {
	community: 'c-a',
	grid: 'c-a-g1',
	building: 'c-a-g1-b1',
	room: '101',
	name: '张三',
	phone: '13800138000',
	password: 'a-long-password-1',
	code: '123456'
};

const oddBoardId = (rng: Rng) =>
	pathPart(`b${oddString(rng).replace(/[./\\]/g, '')}`.slice(0, 200));

const TARGETS: HttpTarget[] = [
	{
		name: 'POST /api/demands',
		style: 'api',
		make: (rng) => ({
			path: '/api/demands',
			who: 'resident',
			body: brokenJson(rng, { ...FILING, id: randomUUID() })
		})
	},
	{
		name: 'POST /api/demands/[id]',
		style: 'api',
		make: (rng) => ({
			path: `/api/demands/${rng.chance(0.8) ? demandId : pathPart(oddString(rng).slice(0, 200))}`,
			who: 'grid-leader',
			body: brokenJson(rng, {
				action: rng.pick(['dispatch', 'resolve', 'fly']),
				to: 'u-party',
				text: 'x'
			})
		})
	},
	{
		name: 'POST /api/files',
		style: 'api',
		make: (rng) => ({
			path: `/api/files?demand=${rng.chance(0.7) ? demandId : pathPart(oddString(rng).slice(0, 100))}&stage=${rng.pick(['filed', 'resolved', 'x'])}`,
			who: 'resident',
			body: rng.chance(0.5)
				? brokenForm(rng, { stage: 'filed' }, 'file')
				: brokenJson(rng, { image: 'x' })
		})
	},
	{
		name: 'POST /d/[id]?/act',
		style: 'form',
		make: (rng) => ({
			path: `/d/${demandId}?/act`,
			who: 'grid-leader',
			body: brokenForm(
				rng,
				{ action: 'dispatch', to: 'u-party', text: '好' },
				rng.chance(0.3) ? 'photo' : undefined
			)
		})
	},
	{
		name: 'POST /api/boards/[id]/resources',
		style: 'api',
		make: (rng) => ({
			// An odd board id, one non-empty segment: dots, slashes or nothing would leave the route.
			path: `/api/boards/${rng.chance(0.8) ? boardId : oddBoardId(rng)}/resources`,
			who: rng.pick(['secretary', 'dept-rep']),
			body: brokenJson(rng, {
				action: rng.pick(['request', 'withdraw', 'decide', 'grant']),
				resourceId: streetItem,
				note: '说明',
				requestId,
				decision: rng.pick(['accepted', 'declined']),
				comment: '意见'
			})
		})
	},
	{
		name: 'POST /api/meetings/[id]/comments',
		style: 'api',
		make: (rng) => ({
			path: `/api/meetings/${rng.chance(0.8) ? commentMeeting : pathPart(oddString(rng).slice(0, 200))}/comments`,
			who: rng.pick(['resident', 'secretary']),
			body: brokenJson(rng, {
				clientKey: randomUUID(),
				body: '意见',
				itemId: randomUUID(),
				anchor: { start: 'AA==', end: 'AA==' },
				quote: '引文',
				parentId: commentId,
				mentions: ['u-rc']
			})
		})
	},
	{
		name: 'POST /api/meetings/[id]/comments/[commentId]',
		style: 'api',
		make: (rng) => ({
			path: `/api/meetings/${commentMeeting}/comments/${rng.chance(0.8) ? commentId : pathPart(oddString(rng).slice(0, 200))}`,
			who: rng.pick(['resident', 'secretary']),
			body: brokenJson(rng, {
				action: rng.pick(['edit', 'resolve', 'hide', 'fly']),
				body: '改',
				resolved: true,
				reason: '理由',
				mentions: []
			})
		})
	},
	...(['publish', 'edit', 'decide'] as const).map((action): HttpTarget => ({
		name: `POST /u/s-guoyuan/resources?/${action}`,
		style: 'form',
		make: (rng) => ({
			path: `/u/s-guoyuan/resources?/${action}`,
			who: 'dept-rep',
			body: brokenForm(rng, {
				kind: 'technical',
				title: '技术指导',
				department: '街道规划建设科',
				contact: '赵工',
				id: streetItem,
				requestId,
				decision: 'declined',
				comment: '意见'
			})
		})
	})),
	...(['sendCode', 'register', 'pending'] as const).map((action): HttpTarget => ({
		name: `POST /register?/${action}`,
		style: 'form',
		make: (rng) => ({
			path: `/register?/${action}`,
			who: null,
			body: rng.chance(0.8) ? brokenForm(rng, PERSON) : brokenJson(rng, PERSON)
		})
	})),
	...(['preview', 'apply'] as const).map((action): HttpTarget => ({
		name: `POST /c/c-a/chain/import?/${action}`,
		style: 'form',
		make: (rng) => ({
			path: `/c/c-a/chain/import?/${action}`,
			who: 'secretary',
			body: brokenForm(rng, { key: 'k' }, action === 'preview' ? 'file' : undefined)
		})
	}))
];

/** A request whose headers lie about its length; answers the status line, or '' if none. */
function lyingLength(path: string, cookie: string, declared: string): Promise<string> {
	const url = new URL(server.url);
	return new Promise((resolve) => {
		const s = connect(Number(url.port), '127.0.0.1');
		let got = '';
		s.on('error', () => resolve(got));
		s.setTimeout(3000, () => s.destroy());
		s.on('data', (d) => (got += d.toString('latin1')));
		s.on('close', () => resolve(got.split('\r\n')[0] ?? ''));
		s.write(
			`POST ${path} HTTP/1.1\r\nHost: ${url.host}\r\nOrigin: ${server.url}\r\nCookie: ${cookie}\r\n` +
				`Content-Type: application/json\r\nContent-Length: ${declared}\r\n\r\n{"id":`
		);
		setTimeout(() => s.end(), 300);
	});
}

test('malformed bodies to the demand, photo, registration and import routes are refused cleanly', async () => {
	const run = await runHttpFuzz({
		url: server.url,
		cookies,
		targets: TARGETS,
		requests: REQUESTS,
		seed: SEED,
		counts,
		bystander: async () => {
			const alive = await fetch(`${server.url}/api/demands/${demandId}`, {
				headers: { cookie: cookies.resident! }
			});
			expect(alive.status).toBe(200);
		}
	});
	const lies: string[] = [];
	for (const declared of ['99999999999', '-1', 'abc', '1000000']) {
		const before = counts();
		lies.push(`${declared}: ${await lyingLength('/api/demands', cookies.resident!, declared)}`);
		expect(counts()).toBe(before);
	}
	console.log(
		`http fuzz: ${REQUESTS} requests, statuses ${JSON.stringify(run.byStatus)}, accepted ${run.accepted}, connection resets retried ${run.resets}, ` +
			`worst event-loop delay ${run.worstStallMs} ms; lying lengths: ${lies.join(' | ')}`
	);
	expect(run.problems.slice(0, 20)).toEqual([]);
	for (const l of lies) expect(l).not.toMatch(/ 5\d\d /);
	expect(run.bystanderRounds).toBeGreaterThan(0);
	expect(
		(
			await fetch(`${server.url}/api/demands/${demandId}`, {
				headers: { cookie: cookies.resident! }
			})
		).status
	).toBe(200);
	expect(run.worstStallMs).toBeLessThan(1000);
}, 300_000);
