import * as A from '@automerge/automerge';
import Database from 'better-sqlite3';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Board } from '../../src/lib/domain/board';
import { compareWithRecord } from '../../src/lib/sync/historyCheck';
import { localHistory } from '../../src/lib/sync/localHistory';
import { applyServerChange } from '../../server/automerge/serverChange';
import type { PublishedRecord } from '../../server/history/BoardHistory';
import { boardClient } from '../helpers/automergeClient';
import { addBoard } from '../helpers/extraDocuments';
import { get } from '../helpers/http';
import { startTestServer, tempDataDir, waitFor, type TestServer } from '../helpers/server';

/**
 * Issue 5, "a rewritten history is detected": the store is rewritten behind the server's back
 * (one board's recorded change altered, another's dropped) while it is down. On the next load
 * the server's own check against its record of accepted changes finds and logs it, the history
 * page shows it to residents, and a reader's copy synced from the rewritten store fails the
 * check against the published record. A board nobody touched verifies clean throughout.
 * Needs `npm run build` first.
 */
const dataDir = tempDataDir();
let server: TestServer;
let altered: string;
let dropped: string;
let alteredHash: string;
let forgedHash: string;
let droppedHash: string;

async function moveDeadline(board: string, to: string) {
	const [hash] = await applyServerChange<Board>(
		server.services,
		board,
		(d) => {
			d.pledge.deadline = to;
		},
		'u-secretary'
	);
	return hash!;
}

beforeAll(async () => {
	server = await startTestServer({ withApp: true, dataDir });
	altered = await addBoard(server, '被改写的看板');
	dropped = await addBoard(server, '被删改的看板');
	alteredHash = await moveDeadline(altered, '2027-06-30');
	droppedHash = await moveDeadline(dropped, '2027-09-30');
	const honest = await server.services.automerge.read<Board>(altered);
	await server.close();

	// The rewrite: the deadline move replaced by a change that never moved it (same parents),
	// and on the other board the deadline move simply deleted.
	const parents = A.getAllChanges(honest).filter((c) => A.decodeChange(c).hash !== alteredHash);
	let forged = A.applyChanges(A.init<Board>(), parents)[0];
	forged = A.change(forged, (d) => {
		d.pledge.goal = '目标（期限从未改过）';
	});
	const forgedChange = A.getLastLocalChange(forged)!;
	forgedHash = A.decodeChange(forgedChange).hash;
	const db = new Database(join(dataDir, 'gongzhi.sqlite'));
	try {
		const swap = db
			.prepare('UPDATE automerge_chunks SET hash = ?, data = ? WHERE doc_id = ? AND hash = ?')
			.run(forgedHash, Buffer.from(forgedChange), altered, alteredHash);
		const cut = db
			.prepare('DELETE FROM automerge_chunks WHERE doc_id = ? AND hash = ?')
			.run(dropped, droppedHash);
		expect([swap.changes, cut.changes]).toEqual([1, 1]);
	} finally {
		db.close();
	}
	server = await startTestServer({ withApp: true, dataDir });
});
afterAll(async () => {
	await server?.close();
	rmSync(dataDir, { recursive: true, force: true });
});

describe('the server checks a board against its record when it loads it', () => {
	it('an altered change: the recorded one is missing and the forged one has no record; it is logged', async () => {
		await server.services.automerge.read(altered);
		const check = await waitFor(
			() => server.services.automerge.historyCheck(altered),
			'the load check'
		);
		expect(check).toEqual({ missing: [alteredHash], unrecorded: [forgedHash] });
		expect(server.logs.join('\n')).toContain(`stored history of ${altered} does not match`);
	});

	it('a dropped change: the recorded one is missing', async () => {
		await server.services.automerge.read(dropped);
		const check = await waitFor(
			() => server.services.automerge.historyCheck(dropped),
			'the load check'
		);
		expect(check).toEqual({ missing: [droppedHash], unrecorded: [] });
	});

	it('a board nobody rewrote verifies clean and logs nothing', async () => {
		await server.services.automerge.read(server.boardId);
		const check = await waitFor(
			() => server.services.automerge.historyCheck(server.boardId),
			'the load check'
		);
		expect(check).toEqual({ missing: [], unrecorded: [] });
		expect(server.logs.join('\n')).not.toContain(`stored history of ${server.boardId}`);
	});
});

describe('residents are shown it', () => {
	it('the history page of a rewritten board warns and names the changes; a clean one says verified', async () => {
		const cookie = await server.cookieFor('resident');
		const bad = await (await get(server, `/board/${altered}/history`, cookie)).text();
		expect(bad).toContain('data-testid="history-rewritten"');
		expect(bad).toContain('历史可能被改写');
		expect(bad).toContain(alteredHash.slice(0, 12));
		expect(bad).toContain(forgedHash.slice(0, 12));
		expect(bad).not.toContain('data-testid="history-verified"');
		const good = await (await get(server, `/board/${server.boardId}/history`, cookie)).text();
		expect(good).toContain('data-testid="history-verified"');
		expect(good).not.toContain('data-testid="history-rewritten"');
	});

	it("a reader's copy synced from the rewritten store fails the check against the published record", async () => {
		const cookie = await server.cookieFor('resident');
		const client = await boardClient(server, 'resident');
		try {
			for (const [board, missing] of [
				[dropped, droppedHash],
				[altered, alteredHash]
			] as const) {
				const res = await get(server, `/api/boards/${board}/history/record`, cookie);
				const record = (await res.json()) as PublishedRecord;
				const handle = await client.find<Board>(board);
				await waitFor(() => A.hasHeads(handle.doc(), record.heads), 'the copy to sync');
				const result = compareWithRecord(
					localHistory(handle.doc(), record.heads),
					record.changes.map((c) => c.hash)
				);
				expect(result).toMatchObject({ state: 'differs', missing: [missing] });
			}
			const clean = await get(server, `/api/boards/${server.boardId}/history/record`, cookie);
			const record = (await clean.json()) as PublishedRecord;
			const handle = await client.find<Board>(server.boardId);
			await waitFor(() => A.hasHeads(handle.doc(), record.heads), 'the copy to sync');
			const result = compareWithRecord(
				localHistory(handle.doc(), record.heads),
				record.changes.map((c) => c.hash)
			);
			expect(result).toEqual({ state: 'verified', count: record.changes.length });
		} finally {
			await client.close();
		}
	});
});
