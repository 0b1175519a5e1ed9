import { afterAll, beforeAll, expect, test } from 'vitest';
import { startTestServer, waitFor, type TestServer } from '../helpers/server';
import { openAgenda, paragraph, paragraphText } from '../helpers/yjsClient';

let server: TestServer;
beforeAll(async () => {
	server = await startTestServer();
});
afterAll(async () => {
	await server?.close();
});

test('two writers making 200 concurrent edits each to one paragraph converge with every edit', async () => {
	const a = await openAgenda(server, 'secretary');
	const b = await openAgenda(server, 'rc-member');
	const edits = 200;
	const markers: string[] = [];
	for (let i = 0; i < edits; i++) {
		// Both edit the same spot before either hears of the other's edit: real conflicts. Only the
		// start and the end, so no insert splits an earlier marker.
		const ta = paragraph(a.doc);
		const tb = paragraph(b.doc);
		ta.insert(i % 2 === 0 ? 0 : ta.length, `[A${i}]`);
		tb.insert(i % 2 === 0 ? 0 : tb.length, `[B${i}]`);
		markers.push(`[A${i}]`, `[B${i}]`);
		if (i % 10 === 0) await new Promise((r) => setTimeout(r, 5));
	}
	await waitFor(
		() =>
			paragraphText(a.doc) === paragraphText(b.doc) &&
			markers.every((m) => paragraphText(a.doc).includes(m)),
		'both writers to converge',
		20_000
	);
	const text = paragraphText(a.doc);
	for (const m of markers) expect(text).toContain(m);
	expect(paragraphText(b.doc)).toBe(text);
	a.destroy();
	b.destroy();
});
