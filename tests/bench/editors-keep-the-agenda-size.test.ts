import { afterAll, beforeAll, expect, test } from 'vitest';
import * as Y from 'yjs';
import type { BenchServer } from '../../bench/fanout/BenchServer';
import { openEditor, PARAGRAPHS, seedAgenda, type Editor } from '../../bench/fanout/editors';
import { marker, scanMarkers } from '../../bench/fanout/latency';
import { startPeer } from '../../bench/fanout/peerServers';
import { AGENDA_FRAGMENT } from '../../src/lib/domain/agenda';
import { waitFor } from '../helpers/server';

let server: BenchServer;
const editors: Editor[] = [];
beforeAll(async () => {
	server = await startPeer('reference');
});
afterAll(async () => {
	for (const e of editors) e.destroy();
	await server?.stop();
});

const texts = (doc: Y.Doc) =>
	doc
		.getXmlFragment(AGENDA_FRAGMENT)
		.toArray()
		.map((p) => String(((p as Y.XmlElement).get(0) as Y.XmlText).toJSON()));

test("the bench's editors retype their own line: the agenda keeps its seeded size, each edit carries its marker", async () => {
	const seed = seedAgenda(2_000);
	const seeded = (() => {
		const doc = new Y.Doc();
		Y.applyUpdate(doc, seed);
		return texts(doc);
	})();
	for (let line = 0; line < 3; line++)
		editors.push(await openEditor(server.editor('retype', line), line, line === 0 ? seed : null));
	const sent: Uint8Array[] = [];
	editors[0]?.doc.on('update', (update: Uint8Array, origin: unknown) => {
		if (origin === null) sent.push(update);
	});

	const last: number[] = [];
	for (let round = 0; round < 50; round++) {
		for (const [line, editor] of editors.entries()) last[line] = editor.edit();
		await new Promise((r) => setTimeout(r, 1));
	}
	// Every replica ends the same: the seed, with each editor's latest marker after its own line.
	const expected = seeded.map((text, line) =>
		line < editors.length ? text + marker(last[line] as number) : text
	);
	for (const editor of editors)
		await waitFor(
			() => JSON.stringify(texts(editor.doc)) === JSON.stringify(expected),
			'every replica to hold the seed and the latest markers'
		);
	expect(expected).toHaveLength(PARAGRAPHS);

	// Each of editor 0's 50 updates carries the marker it typed, which is what receivers time.
	expect(sent).toHaveLength(50);
	let found = 0;
	for (const update of sent) found += scanMarkers(update, 0, () => undefined);
	expect(found).toBe(50);

	await expect(openEditor(server.editor('retype', 0), PARAGRAPHS, null)).rejects.toThrow(
		/one per editor/
	);
});
