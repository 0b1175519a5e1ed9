import { generateAutomergeUrl, parseAutomergeUrl } from '@automerge/automerge-repo';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_MEETINGS } from '../../server/demo/demoMeetings';
import { YJS_SYNC_PATH } from '../../src/lib/domain/yjsProtocol';
import {
	firstSyncMessage,
	joinedSocket,
	nextMessage,
	sendMessage
} from '../helpers/automergeClient';
import { get } from '../helpers/http';
import { moveToEvaluation } from '../helpers/projectStage';
import { startTestServer, type TestServer } from '../helpers/server';
import { upgradeStatus } from '../helpers/yjsClient';
import { JPEG_16X8 } from '../unit/fixtures/photos';

/**
 * Issue 3 item 4: every route of the app, found on disk, called with no session and with a user
 * of another community. What each must answer, by kind of route:
 *
 * - `community` (/c/<id>/…), `document` (/agenda/<id>, /board/<id>) and `district` (/admin/…):
 *   no session → 303 to /login?redirectTo=<the page>; a user who may not see it → 404, exactly
 *   as for an id that does not exist. Their form actions answer the same.
 * - `user` pages (/, /account): no session → 303 to login; another community's user → 200 with
 *   nothing of community A in it.
 * - `api` (/api/…): no session → 401 JSON `{"error":"Unauthorized"}`; an outsider → nothing of
 *   community A.
 * - `public` pages (login, reset, invite, settings, logout) need no session and show no
 *   community data.
 * - `published` pages (/p/<board>, its PDF, /p/c/<community>): the public pledge. A published
 *   project (or an existing community) → 200 to anyone, with no session and to an outsider, and
 *   nothing of community A beyond that project; an unpublished project → 404 with exactly the
 *   answer a made-up id gets.
 * - `record` endpoints about one demand or photo (/api/demands/<id>, /api/files?demand=<id>,
 *   /files/<id>): no session → 401 (the API) or 404 (the file); an outsider → 404 with exactly
 *   the body a made-up id gets. The demand page /d/<id> follows the `document` rule.
 *
 * A route on disk that this table does not know fails the test: whoever adds a route adds it
 * here and says which rule it follows. Parameter names are ignored (`/agenda/[]`), so the
 * table need not guess how another branch names them.
 */
type Kind =
	'public' | 'published' | 'user' | 'api' | 'community' | 'district' | 'document' | 'record';
interface RouteSpec {
	kind: Kind;
	/** Form actions the route's +page.server.ts exports (checked against the file). */
	actions?: string[];
	/** Only these methods make sense (endpoints); default GET. */
	methods?: ('GET' | 'POST')[];
	/**
	 * A public page that lists the names of communities, grids and buildings (registration):
	 * those names may appear, nothing else of community A (its documents, its people).
	 */
	showsUnitNames?: true;
}

const ROUTES: Record<string, RouteSpec> = {
	'/': { kind: 'user' },
	'/account': { kind: 'user', actions: ['password'] },
	'/notifications': { kind: 'user', actions: ['readAll'] },
	'/api/notifications': { kind: 'api', methods: ['GET', 'POST'] },
	'/api/documents': { kind: 'api' },
	'/c/[]/members': {
		kind: 'community',
		actions: ['invite', 'revoke', 'resetCode', 'removeRole']
	},
	'/c/[]/audit': { kind: 'community' },
	'/c/[]/problems': { kind: 'community', actions: ['mark', 'board'] },
	// Dashboards of any unit (grid, community, street, district); checked here on community A.
	'/u/[]/dashboard': { kind: 'community' },
	'/u/[]/dashboard/export': { kind: 'community' },
	'/c/[]/chain': {
		kind: 'community',
		actions: ['addGrid', 'addBuilding', 'rename', 'assign', 'unassign', 'confirm', 'reject']
	},
	'/c/[]/chain/import': { kind: 'community', actions: ['preview', 'apply'] },
	'/c/[]/chain/import/template': { kind: 'community' },
	// The person search behind the chain page's pickers (same guard as the page).
	'/c/[]/chain/people': { kind: 'community' },
	// A grid's page (its leader's): the grid stands for its community in this table.
	'/g/[]/residents': { kind: 'community', actions: ['confirm', 'reject'] },
	'/admin': { kind: 'district', actions: ['disable', 'enable'] },
	'/admin/audit': { kind: 'district' },
	// The agenda and board pages come from another branch; listed so they are checked on arrival.
	'/agenda/[]': { kind: 'document' },
	'/board/[]': { kind: 'document', actions: ['move', 'revise'] },
	// Secretary projects (issue 5): the list of readable projects, and one project's records.
	'/api/projects': { kind: 'api' },
	'/api/projects/[]': { kind: 'record', methods: ['GET', 'POST'] },
	'/login': { kind: 'public', actions: ['default'] },
	'/logout': { kind: 'public', methods: ['POST'] },
	'/reset': { kind: 'public', actions: ['default'] },
	'/invite/[]': { kind: 'public', actions: ['accept', 'register'] },
	'/settings': { kind: 'public', actions: ['locale', 'largeText'] },
	'/register': {
		kind: 'public',
		actions: ['sendCode', 'register', 'pending'],
		showsUnitNames: true
	},
	// Resident demands (issue 4): a private demand of a community A resident, and its photo.
	'/api/demands': { kind: 'api' },
	'/api/demands/[]': { kind: 'record', methods: ['GET', 'POST'] },
	'/api/files': { kind: 'record', methods: ['POST'] },
	'/files/[]': { kind: 'record' },
	'/c/[]/demands': { kind: 'community' },
	'/c/[]/demands/new': { kind: 'community' },
	'/d/[]': { kind: 'document', actions: ['act'] },
	// Evaluation (issue 5): a board's evaluation records and a survey of community A.
	'/api/boards/[]/evaluation': { kind: 'record', methods: ['GET', 'POST'] },
	// Progress photos (issue 5): attaching an uploaded file to a board of community A.
	'/api/boards/[]/files': { kind: 'record', methods: ['POST'] },
	'/api/surveys/[]': { kind: 'record', methods: ['GET', 'POST'] },
	// Every /api path nothing serves: 404 JSON to anyone, checked as a public route (no data).
	'/api/[]': { kind: 'public', methods: ['GET', 'POST'] },
	'/vote/[]': { kind: 'document', actions: ['vote'] },
	// A board's history (issue 5): same access as the board; the record and timeline as JSON.
	'/board/[]/history': { kind: 'document' },
	'/board/[]/history/[]': { kind: 'document' },
	'/api/boards/[]/history': { kind: 'record' },
	'/api/boards/[]/history/record': { kind: 'record' },
	// The helper group's resource list (issue 5): a unit's page (checked on community A, whose
	// people browse what their street and district offer) and a board's resource requests.
	'/u/[]/resources': {
		kind: 'community',
		actions: ['publish', 'edit', 'withdraw', 'restore', 'decide']
	},
	'/api/boards/[]/resources': { kind: 'record', methods: ['GET', 'POST'] },
	// Project overviews (issue 5): a community's, and a street's or district's (checked on the
	// street above community A, where the outsider, a resident of community B, holds no role).
	'/c/[]/projects': { kind: 'community' },
	'/c/[]/projects/export': { kind: 'community' },
	'/u/[]/projects': { kind: 'community' },
	'/u/[]/projects/export': { kind: 'community' },
	// Joint meetings (issue 6): a community's list (and the secretary's create form), one
	// meeting's page with its state moves, correction and signatures, and the action list.
	'/c/[]/meetings': { kind: 'community', actions: ['create'] },
	'/m/[]': { kind: 'document', actions: ['edit', 'move', 'correct', 'sign', 'withdraw'] },
	'/c/[]/actions': { kind: 'community' },
	// History and export (issue 6): the minutes as files, and an agenda's named versions.
	'/m/[]/minutes.pdf': { kind: 'document' },
	'/m/[]/minutes.docx': { kind: 'document' },
	'/agenda/[]/versions': { kind: 'document', actions: ['save'] },
	'/agenda/[]/versions/[]': { kind: 'document', actions: ['restore'] },
	// Meeting comments (issue 6): a published meeting's comments (list, post), one comment's
	// actions (edit, delete, resolve, hide) and the live stream; checked on community A's.
	'/api/meetings/[]/comments': { kind: 'record', methods: ['GET', 'POST'] },
	'/api/meetings/[]/comments/[]': { kind: 'record', methods: ['POST'] },
	'/api/meetings/[]/comments/stream': { kind: 'record' },
	// The public pledge (issue 5): a published project's page and sheet, a community's noticeboard.
	'/p/[]': { kind: 'published' },
	'/p/[]/pledge.pdf': { kind: 'published' },
	'/p/c/[]': { kind: 'published' }
};

const ROUTES_DIR = join(process.cwd(), 'src/routes');
const ROUTE_FILES = ['+page.svelte', '+page.server.ts', '+page.ts', '+server.ts'];

/** Every route directory under src/routes, as `/a/[]/b` (groups dropped, params unnamed). */
function routesOnDisk(dir = ROUTES_DIR): { id: string; dir: string }[] {
	const out: { id: string; dir: string }[] = [];
	const files = readdirSync(dir);
	if (files.some((f) => ROUTE_FILES.includes(f))) {
		const rel = dir.slice(ROUTES_DIR.length).split('/').filter(Boolean);
		const id =
			'/' +
			rel
				.filter((p) => !/^\(.*\)$/.test(p))
				.map((p) => p.replace(/^\[.*\]$/, '[]'))
				.join('/');
		out.push({ id, dir });
	}
	for (const f of files) {
		const full = join(dir, f);
		if (statSync(full).isDirectory()) out.push(...routesOnDisk(full));
	}
	return out;
}

/** The names of the form actions a +page.server.ts exports, read from its source. */
function actionsIn(dir: string): string[] {
	let src: string;
	try {
		src = readFileSync(join(dir, '+page.server.ts'), 'utf8');
	} catch {
		return [];
	}
	const start = src.indexOf('export const actions');
	if (start < 0) return [];
	return [...src.slice(start).matchAll(/^\t(\w+):/gm)].map((m) => m[1]!);
}

let server: TestServer;
let outsider: string;
let demandId: string;
let fileId: string;
let surveyId: string;
/** A change the server recorded on the demo board (for the board-as-it-was page). */
let firstChange: string;
let meetingId: string;
/** A named version of the demo agenda. */
let versionId: number;
/** A comment on community A's published demo meeting. */
let commentId: string;
/** A project of community A still at its topic: not published. */
let topicBoardId: string;
const COMMUNITY_A_MARKS = ['c-a', '丽泽园', 'Lizeyuan'];
beforeAll(async () => {
	server = await startTestServer({ withApp: true });
	outsider = await server.cookieFor('outsider');
	COMMUNITY_A_MARKS.push(server.agendaId, server.boardId);
	const { demands } = server.services;
	demandId = (
		await demands.file('u-resident', {
			id: randomUUID(),
			gridId: 'c-a-g1',
			category: 'repair',
			description: '楼道灯坏了'
		})
	).id;
	fileId = (await demands.photos.add('u-resident', demandId, 'filed', JPEG_16X8)).id;
	COMMUNITY_A_MARKS.push(demandId, fileId);
	const { evaluation } = server.services;
	await moveToEvaluation(server, server.boardId);
	await evaluation.publishReport('u-secretary', server.boardId, '完成汇报');
	firstChange = (await server.services.stores.automerge.recorded(server.boardId))[0]!.hash;
	surveyId = (await evaluation.openSurvey('u-secretary', server.boardId, {})).id;
	COMMUNITY_A_MARKS.push(surveyId);
	// The demo's minuted meeting of community A, and its agenda.
	const meeting = DEMO_MEETINGS[0]!;
	meetingId = meeting.id;
	COMMUNITY_A_MARKS.push(meeting.id, meeting.agendaId);
	versionId = await server.services.agendaVersions.save('u-secretary', server.agendaId, '会前定稿');
	const published = DEMO_MEETINGS.find((m) => m.state === 'published')!;
	const posted = await server.services.comments.service.post('u-resident', published.id, {
		clientKey: randomUUID(),
		body: '楼道灯什么时候修？'
	});
	commentId = posted.comment!.id;
	COMMUNITY_A_MARKS.push(published.id, commentId);
	const docs = await server.services.stores.documents.inCommunities(['c-a']);
	topicBoardId = docs.find((d) => d.title === '东门停车秩序整治')!.id;
});
afterAll(async () => {
	await server?.close();
});

const unknownBoard = () => parseAutomergeUrl(generateAutomergeUrl()).documentId;

/** Concrete paths for a route: the real thing, and one that does not exist. */
function paths(id: string): { real: string; missing: string; unpublished?: string } {
	if (id.startsWith('/u/[]/projects'))
		return { real: id.replace('[]', 's-guoyuan'), missing: id.replace('[]', 's-nope') };
	if (id === '/p/c/[]') return { real: '/p/c/c-a', missing: '/p/c/c-nope' };
	if (id.startsWith('/p/[]')) {
		const at = (board: string) => id.replace('[]', board);
		return { real: at(server.boardId), missing: at(unknownBoard()), unpublished: at(topicBoardId) };
	}
	if (id.startsWith('/c/[]') || id.startsWith('/u/[]'))
		return { real: id.replace('[]', 'c-a'), missing: id.replace('[]', 'c-nope') };
	if (id.startsWith('/g/[]'))
		return { real: id.replace('[]', 'c-a-g1'), missing: id.replace('[]', 'c-nope-g1') };
	if (id === '/agenda/[]')
		return { real: `/agenda/${server.agendaId}`, missing: '/agenda/meeting-nope' };
	if (id === '/board/[]')
		return { real: `/board/${server.boardId}`, missing: `/board/${unknownBoard()}` };
	if (id === '/invite/[]') return { real: '/invite/not-a-real-token', missing: '/invite/x' };
	if (id === '/d/[]') return { real: `/d/${demandId}`, missing: `/d/${randomUUID()}` };
	if (id === '/api/projects/[]')
		return { real: `/api/projects/${server.boardId}`, missing: `/api/projects/${unknownBoard()}` };
	if (id === '/api/demands/[]')
		return { real: `/api/demands/${demandId}`, missing: `/api/demands/${randomUUID()}` };
	if (id === '/api/files')
		return { real: `/api/files?demand=${demandId}`, missing: `/api/files?demand=${randomUUID()}` };
	if (id === '/api/boards/[]/evaluation')
		return {
			real: `/api/boards/${server.boardId}/evaluation`,
			missing: `/api/boards/${unknownBoard()}/evaluation`
		};
	if (id === '/api/boards/[]/resources')
		return {
			real: `/api/boards/${server.boardId}/resources`,
			missing: `/api/boards/${unknownBoard()}/resources`
		};
	if (id === '/api/boards/[]/files')
		return {
			real: `/api/boards/${server.boardId}/files`,
			missing: `/api/boards/${unknownBoard()}/files`
		};
	if (id === '/api/surveys/[]')
		return { real: `/api/surveys/${surveyId}`, missing: `/api/surveys/sv-${randomUUID()}` };
	if (id === '/api/[]') return { real: '/api/nothing/here', missing: '/api/nothing/here' };
	if (id.startsWith('/board/[]/history') || id.startsWith('/api/boards/[]/history')) {
		const fill = (board: string) => id.replace('[]', board).replace('[]', firstChange);
		return { real: fill(server.boardId), missing: fill(unknownBoard()) };
	}
	if (id === '/vote/[]') return { real: `/vote/${surveyId}`, missing: `/vote/sv-${randomUUID()}` };
	if (id === '/files/[]') return { real: `/files/${fileId}`, missing: `/files/${randomUUID()}` };
	if (id.startsWith('/m/[]'))
		return { real: id.replace('[]', meetingId), missing: id.replace('[]', `mt-${randomUUID()}`) };
	if (id.startsWith('/agenda/[]/versions')) {
		// The version id is real on the demo agenda (saved in beforeAll).
		const fill = (agenda: string) => id.replace('[]', agenda).replace('[]', String(versionId));
		return { real: fill(server.agendaId), missing: fill('meeting-nope') };
	}
	if (id.startsWith('/api/meetings/[]/comments')) {
		const published = DEMO_MEETINGS.find((m) => m.state === 'published')!;
		const fill = (meeting: string, comment: string) =>
			id.replace('[]', meeting).replace('[]', comment);
		return {
			real: fill(published.id, commentId),
			missing: fill(`mt-${randomUUID()}`, `cm-${randomUUID()}`)
		};
	}
	return { real: id, missing: id };
}

function post(path: string, cookie?: string) {
	return fetch(server.url + path, {
		method: 'POST',
		redirect: 'manual',
		headers: {
			'content-type': 'application/x-www-form-urlencoded',
			accept: 'text/html',
			origin: server.url,
			...(cookie ? { cookie } : {})
		},
		body: 'userId=u-resident&role=resident&days=7&id=x'
	});
}

/** A same-origin JSON (or, for uploads, raw-bytes) POST as the app's scripts send it. */
function postJson(path: string, cookie?: string) {
	const upload = path.startsWith('/api/files');
	return fetch(server.url + path, {
		method: 'POST',
		headers: {
			'content-type': upload ? 'image/jpeg' : 'application/json',
			origin: server.url,
			...(cookie ? { cookie } : {})
		},
		body: upload ? JPEG_16X8 : JSON.stringify({ action: 'take' })
	});
}

const actionPath = (path: string, action: string) =>
	action === 'default' ? path : `${path}?/${action}`;
const title = (html: string) => /<title>([^<]*)<\/title>/.exec(html)?.[1] ?? '';

describe('every route on disk is known to this test', () => {
	it('lists each route and exactly its form actions', () => {
		const found = routesOnDisk();
		expect(found.length).toBeGreaterThan(5);
		for (const { id, dir } of found) {
			const spec = ROUTES[id];
			expect(spec, `route ${id} is not in ROUTES: add it with the rule it follows`).toBeDefined();
			expect(actionsIn(dir).sort(), `form actions of ${id}`).toEqual(
				[...(spec!.actions ?? [])].sort()
			);
		}
	});
});

describe('with no session and as a user of another community', () => {
	for (const { id } of routesOnDisk()) {
		const spec = ROUTES[id];
		if (!spec) continue;
		it(`${id} (${spec.kind})`, async () => {
			const { real, missing, unpublished } = paths(id);
			const methods = spec.methods ?? ['GET'];
			const actions = spec.actions ?? [];

			if (spec.kind === 'community' || spec.kind === 'district' || spec.kind === 'document') {
				const anon = await get(server, real);
				expect(anon.status).toBe(303);
				expect(anon.headers.get('location')).toBe(`/login?redirectTo=${encodeURIComponent(real)}`);
				const forbidden = await get(server, real, outsider);
				const absent = await get(server, missing, outsider);
				expect(forbidden.status).toBe(404);
				expect(absent.status).toBe(404);
				const [f, a] = [await forbidden.text(), await absent.text()];
				expect(title(f)).toBe(title(a));
				// The page may echo the path the outsider typed (language links, redirectTo), as it
				// does for a made-up id; nothing else of community A may appear.
				const echoed = f.replaceAll(real, '<path>');
				for (const mark of COMMUNITY_A_MARKS.slice(1)) expect(echoed).not.toContain(mark);
				for (const action of actions) {
					const anonPost = await post(actionPath(real, action));
					expect(anonPost.status, action).toBe(303);
					expect(anonPost.headers.get('location'), action).toMatch(/^\/login/);
					expect((await post(actionPath(real, action), outsider)).status, action).toBe(404);
					expect((await post(actionPath(missing, action), outsider)).status, action).toBe(404);
				}
			} else if (spec.kind === 'user') {
				const anon = await get(server, real);
				expect(anon.status).toBe(303);
				expect(anon.headers.get('location')).toMatch(/^\/login\?redirectTo=/);
				const page = await get(server, real, outsider);
				expect(page.status).toBe(200);
				const html = await page.text();
				for (const mark of COMMUNITY_A_MARKS) expect(html).not.toContain(mark);
			} else if (spec.kind === 'api') {
				const anon = await get(server, real);
				expect(anon.status).toBe(401);
				expect(await anon.json()).toEqual({ error: 'Unauthorized' });
				const res = await get(server, real, outsider);
				expect(res.status).toBe(200);
				const body = await res.text();
				for (const mark of COMMUNITY_A_MARKS) expect(body).not.toContain(mark);
			} else if (spec.kind === 'published') {
				// The published project itself may appear; nothing else of community A's.
				const marks = COMMUNITY_A_MARKS.slice(3).filter((m) => m !== server.boardId);
				for (const cookie of [undefined, outsider]) {
					const res = await get(server, real, cookie);
					expect(res.status, real).toBe(200);
					const body = await res.text();
					for (const mark of marks) expect(body).not.toContain(mark);
				}
				const absent = await get(server, missing);
				expect(absent.status, missing).toBe(404);
				const absentBody = await absent.text();
				if (unpublished) {
					const hidden = await get(server, unpublished);
					expect(hidden.status, unpublished).toBe(404);
					expect(title(await hidden.text())).toBe(title(absentBody));
				}
			} else if (spec.kind === 'record') {
				for (const method of methods) {
					const call = (path: string, cookie?: string) =>
						method === 'GET' ? get(server, path, cookie) : postJson(path, cookie);
					const anon = await call(real);
					expect(anon.status, `${method} ${real}`).toBe(id.startsWith('/api/') ? 401 : 404);
					const forbidden = await call(real, outsider);
					const absent = await call(missing, outsider);
					expect([forbidden.status, absent.status], `${method} ${real}`).toEqual([404, 404]);
					expect(await forbidden.text()).toBe(await absent.text());
				}
			} else {
				// The ids and names of community A are the first three marks.
				const marks = spec.showsUnitNames ? COMMUNITY_A_MARKS.slice(3) : COMMUNITY_A_MARKS;
				for (const method of methods) {
					const res = method === 'GET' ? await get(server, real) : await post(real);
					expect(res.status, `${method} ${real}`).toBeLessThan(500);
					const body = await res.text();
					for (const mark of marks) expect(body).not.toContain(mark);
				}
			}
		});
	}
});

describe('the sync endpoints', () => {
	it('Yjs: no session → 401; an outsider → 404, as for an agenda that does not exist', async () => {
		const url = (id: string) => `${server.wsUrl}${YJS_SYNC_PATH}/${id}`;
		const headers = { Cookie: outsider, Origin: server.url };
		expect(await upgradeStatus(url(server.agendaId), { Origin: server.url })).toBe(401);
		expect(await upgradeStatus(url(server.agendaId), headers)).toBe(404);
		expect(await upgradeStatus(url('meeting-nope'), headers)).toBe(404);
	});

	it('Automerge: no session → 401; an outsider → doc-unavailable, as for a board that does not exist', async () => {
		expect(await upgradeStatus(`${server.wsUrl}/sync/automerge`, { Origin: server.url })).toBe(401);
		const ws = await joinedSocket(server, 'outsider', 'iso-peer');
		const ask = async (documentId: string) => {
			const reply = nextMessage(ws);
			sendMessage(ws, {
				type: 'request',
				senderId: 'iso-peer',
				targetId: 'server',
				documentId,
				data: firstSyncMessage()
			});
			return reply;
		};
		const real = await ask(server.boardId);
		const other = unknownBoard();
		const missing = await ask(other);
		expect(real.type).toBe('doc-unavailable');
		expect({ ...missing, documentId: server.boardId }).toEqual(real);
		ws.close();
	});
});
