import { afterAll, beforeAll, expect, test } from 'vitest';
import { YJS_LIMITS } from '../../server/yjs/limits';
import { addAgenda } from '../helpers/extraDocuments';
import { startTestServer, waitFor, type TestServer } from '../helpers/server';
import {
	openAgenda,
	paragraph,
	paragraphText,
	waitForAck,
	type AgendaClient
} from '../helpers/yjsClient';

let server: TestServer;
beforeAll(async () => {
	server = await startTestServer();
});
afterAll(async () => {
	await server?.close();
});

const stored = async (docId = server.agendaId) => {
	const { updates } = await server.services.stores.yjs.load(docId);
	return { rows: updates.length, bytes: updates.reduce((sum, u) => sum + u.byteLength, 0) };
};

async function unloaded(...clients: AgendaClient[]) {
	for (const c of clients) c.destroy();
	await waitFor(() => server.services.yjs.stats().openDocuments === 0, 'the room to unload');
}

/**
 * 300 separate updates, together about three times what is stored: a compaction is due (more
 * than 200 rows weighing more than twice the stored state), but not forced (under 8×).
 */
async function burst(client: AgendaClient, storedBytes: number, tag: string, times = 3) {
	const chars = Math.ceil((times * storedBytes) / 300);
	const text = paragraph(client.doc);
	for (let i = 0; i < 300; i++) text.insert(text.length, `<${tag}${i}>`.padEnd(chars, '.'));
	await waitForAck(client, 1);
}

test('a due compaction waits until edits pause, then leaves one row; an unloading room compacts first', async () => {
	// A sizeable stored state first, read back by a fresh load, so the room's baseline is known.
	const seed = await openAgenda(server, 'secretary');
	paragraph(seed.doc).insert(0, '议程'.repeat(10_000));
	await waitForAck(seed, 0);
	await unloaded(seed);
	const before = await stored();
	expect(before.rows).toBeLessThanOrEqual(YJS_LIMITS.compactAfterRows);

	const a = await openAgenda(server, 'secretary');
	await burst(a, before.bytes, 'a');
	// Every update is stored, and none has been folded away yet: the room is still busy.
	const busy = await stored();
	expect(busy.rows).toBeGreaterThanOrEqual(before.rows + 300);
	expect(busy.bytes).toBeGreaterThan(2 * before.bytes);
	expect(busy.bytes).toBeLessThan(YJS_LIMITS.compactForceFactor * before.bytes);

	// Quiet for `compactQuietMs`: one snapshot row holds it all.
	await waitFor(async () => (await stored()).rows === 1, 'the quiet compaction');
	const expected = paragraphText(a.doc);

	// Due again, and the room unloads before it is quiet for long: it compacts on its way out.
	await burst(a, (await stored()).bytes, 'b');
	expect((await stored()).rows).toBeGreaterThan(300);
	const withB = paragraphText(a.doc);
	await unloaded(a);
	expect((await stored()).rows).toBe(1);

	const fresh = await openAgenda(server, 'resident');
	expect(paragraphText(fresh.doc)).toBe(withB);
	expect(withB.startsWith(expected)).toBe(true);
	for (let i = 0; i < 300; i++) {
		expect(withB).toContain(`<a${i}>`);
		expect(withB).toContain(`<b${i}>`);
	}
	expect(server.logs.filter((l) => l.includes('compaction failed'))).toEqual([]);
	fresh.destroy();
});

test('rows stored while a slow compaction runs are compacted once the room is quiet, not left for the next edit', async () => {
	const docId = await addAgenda(server, 'compaction-during-compaction', '压缩期间的议程');
	const seed = await openAgenda(server, 'secretary', { docId });
	paragraph(seed.doc).insert(0, '议程'.repeat(10_000));
	await waitForAck(seed, 0);
	await unloaded(seed);
	const before = await stored(docId);

	// The real SQLite compaction, held back 3 s: a big document on a busy disk.
	const store = server.services.stores.yjs;
	const compact = store.compact.bind(store);
	let started = 0;
	let finished = 0;
	store.compact = async (...args) => {
		started++;
		await new Promise((r) => setTimeout(r, 3000));
		try {
			return await compact(...args);
		} finally {
			finished++;
		}
	};
	try {
		const a = await openAgenda(server, 'secretary', { docId });
		// Past the forced bound (8× the stored state): a compaction starts without waiting.
		await burst(a, before.bytes, 'a', YJS_LIMITS.compactForceFactor + 1);
		await waitFor(() => started === 1, 'the forced compaction to start');
		// While it runs, enough rows to make another one due (past twice the snapshot to come),
		// not forced: the old code only asked for one then, found it running, and forgot.
		await burst(a, (YJS_LIMITS.compactForceFactor + 2) * before.bytes, 'b', 2.5);
		expect(finished, 'the second burst was stored while the compaction ran').toBe(0);
		await waitFor(() => finished === 1, 'the forced compaction to finish', 10_000);
		expect((await stored(docId)).rows).toBeGreaterThan(YJS_LIMITS.compactAfterRows);

		// Nobody types any more; the room stays open. One quiet second later: one row.
		await waitFor(async () => (await stored(docId)).rows === 1, 'the second compaction', 10_000);
		expect(started).toBe(2);
		const fresh = await openAgenda(server, 'resident', { docId });
		expect(paragraphText(fresh.doc)).toBe(paragraphText(a.doc));
		expect(paragraphText(fresh.doc)).toContain('<b299>');
		fresh.destroy();
		a.destroy();
	} finally {
		store.compact = compact;
	}
	expect(server.logs.filter((l) => l.includes('compaction failed'))).toEqual([]);
});
