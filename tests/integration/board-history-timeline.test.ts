import * as A from '@automerge/automerge';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Board } from '../../src/lib/domain/board';
import { applyServerChange } from '../../server/automerge/serverChange';
import type { BoardTimeline, PublishedRecord } from '../../server/history/BoardHistory';
import { boardClient, waitUntilServerHas } from '../helpers/automergeClient';
import { addBoard } from '../helpers/extraDocuments';
import { get } from '../helpers/http';
import { startTestServer, waitFor, type TestServer } from '../helpers/server';

/**
 * Issue 5, history: who changed what and when comes from the server's record of each accepted
 * change, never from Automerge's client-chosen actor ids and timestamps; residents read the
 * timeline and the board as it was at any recorded point. Needs `npm run build` first.
 */
let server: TestServer;
let board: string;
let moved: string;
const cookies: Record<string, string> = {};
const LONG_AGO = Date.parse('2001-01-01T00:00:00Z');

beforeAll(async () => {
	server = await startTestServer({ withApp: true });
	for (const u of ['secretary', 'resident', 'rc-member', 'outsider']) {
		cookies[u] = await server.cookieFor(u);
	}
	board = await addBoard(server, '历史记录');
	// The secretary moves the pledge deadline (a server-made change on their request).
	const hashes = await applyServerChange<Board>(
		server.services,
		board,
		(d) => {
			d.pledge.deadline = '2027-03-31';
		},
		'u-secretary'
	);
	moved = hashes[0]!;
});
afterAll(async () => {
	await server?.close();
});

async function timeline(user: string): Promise<BoardTimeline> {
	const res = await get(server, `/api/boards/${board}/history`, cookies[user]);
	expect(res.status).toBe(200);
	return (await res.json()) as BoardTimeline;
}

describe('the timeline', () => {
	it("names the server's recorded author and time, not the client's actor or timestamp", async () => {
		const before = Date.now();
		const client = await boardClient(server, 'rc-member');
		try {
			const handle = await client.find<Board>(board);
			// A client may put any time in its change; the history must not believe it.
			handle.change(
				(d) => {
					d.tasks['t-first']!.status = 'doing';
				},
				{ time: LONG_AGO / 1000 }
			);
			await waitUntilServerHas(client, handle);
		} finally {
			await client.close();
		}
		const t = await timeline('resident');
		const newest = t.groups[0]!;
		expect(newest.authorId).toBe('u-rc');
		expect(t.names['u-rc']).toBe('李秀英');
		expect(newest.to).toBeGreaterThanOrEqual(before);
		expect(newest.to).toBeLessThanOrEqual(Date.now());
		expect(newest.lines).toEqual([
			{ kind: 'task', task: 't-first', title: '第一项', field: 'status', from: 'todo', to: 'doing' }
		]);
		expect(newest.pledge).toBe(false);
	});

	it('shows the moved deadline with its author to a resident, highlighted as a pledge change', async () => {
		const t = await timeline('resident');
		const step = t.groups.find((g) => g.hashes.includes(moved))!;
		expect(step).toMatchObject({ authorId: 'u-secretary', pledge: true });
		expect(step.lines).toEqual([
			{ kind: 'pledge', field: 'deadline', from: '2026-12-31', to: '2027-03-31' }
		]);
		expect(t.check).toEqual({ missing: [], unrecorded: [] });
		const page = await get(server, `/board/${board}/history`, cookies.resident);
		expect(page.status).toBe(200);
		const html = await page.text();
		expect(html).toContain('把承诺期限从 2026-12-31 改为 2027-03-31');
		expect(html).toContain('王建华');
		expect(html).toContain('data-testid="history-verified"');
	});

	it('an outsider gets the same 404 as for a board that does not exist', async () => {
		const res = await get(server, `/api/boards/${board}/history`, cookies.outsider);
		expect(res.status).toBe(404);
		expect((await get(server, `/board/${board}/history`, cookies.outsider)).status).toBe(404);
	});
});

describe('the board as it was', () => {
	it('opens read-only at a recorded change, with the values of that moment and a banner', async () => {
		const [created] = (await server.services.stores.automerge.recorded(board)).map((r) => r.hash);
		const res = await get(server, `/board/${board}/history/${created}`, cookies.resident);
		expect(res.status).toBe(200);
		const html = await res.text();
		expect(html).toMatch(/这是 [^<]*2026[^<]* 时的看板（只读）/);
		expect(html).toContain('data-testid="board-snapshot"');
		// Before the move: the old deadline, the task still to do, no form to change anything.
		expect(html).toMatch(/data-testid="snapshot-deadline"[^>]*>2026-12-31</);
		expect(html).toMatch(
			/data-testid="snapshot-column-todo"[\s\S]*第一项[\s\S]*snapshot-column-doing/
		);
		const snapshot = html.slice(html.indexOf('board-snapshot'), html.indexOf('</article>'));
		expect(snapshot).not.toMatch(/<form|<input|<textarea|<button/);

		const after = await get(server, `/board/${board}/history/${moved}`, cookies.resident);
		expect(await after.text()).toMatch(/data-testid="snapshot-deadline"[^>]*>2027-03-31</);
	});

	it('a hash the server never recorded, or not a hash at all, is a 404', async () => {
		const forged = A.getHeads(A.from({ x: 1 }))[0]!;
		for (const h of [forged, 'not-a-hash']) {
			const res = await get(server, `/board/${board}/history/${h}`, cookies.resident);
			expect(res.status, h).toBe(404);
		}
	});
});

describe('the published record', () => {
	it("lists every accepted change with its author and the server copy's heads", async () => {
		const res = await get(server, `/api/boards/${board}/history/record`, cookies.resident);
		expect(res.status).toBe(200);
		const record = (await res.json()) as PublishedRecord;
		const stored = await server.services.stores.automerge.recorded(board);
		expect(record.changes.map((c) => [c.hash, c.authorId])).toEqual(
			stored.map((r) => [r.hash, r.userId])
		);
		expect(record.changes.find((c) => c.hash === moved)?.authorId).toBe('u-secretary');
		const doc = await waitFor(
			async () => server.services.automerge.read<Board>(board),
			'the server copy'
		);
		expect(record.heads.sort()).toEqual(A.getHeads(doc).sort());
	});
});
