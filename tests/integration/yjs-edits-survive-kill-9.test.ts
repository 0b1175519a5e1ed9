import { rmSync } from 'node:fs';
import { afterAll, expect, test } from 'vitest';
import { DEMO_AGENDA } from '../../server/demo/demoDistrict';
import { spawnServer, type ChildServer } from '../helpers/childServer';
import { tempDataDir, waitFor } from '../helpers/server';
import { openAgenda, paragraph, paragraphText, waitForAck } from '../helpers/yjsClient';

const dataDir = tempDataDir();
const servers: ChildServer[] = [];
afterAll(async () => {
	for (const s of servers) await s.kill9();
	rmSync(dataDir, { recursive: true, force: true });
});

test('acknowledged edits survive kill -9, checked by a fresh client after every writer closed', async () => {
	const first = await spawnServer({
		dataDir,
		agendaId: DEMO_AGENDA.id,
		sessionsFor: ['secretary', 'oc-member', 'resident']
	});
	servers.push(first);
	const a = await openAgenda(first, 'secretary');
	const b = await openAgenda(first, 'oc-member');
	const markers: string[] = [];
	for (let i = 0; i < 30; i++) {
		paragraph(a.doc, 1).insert(0, `<s${i}>`);
		paragraph(b.doc, 1).insert(paragraph(b.doc, 1).length, `<o${i}>`);
		markers.push(`<s${i}>`, `<o${i}>`);
	}
	await Promise.all([waitForAck(a, 1), waitForAck(b, 1)]);
	await first.kill9();
	// Close every writer before looking: a reconnecting writer would re-send its state and hide
	// a server that forgot.
	a.destroy();
	b.destroy();

	const second = await spawnServer({ dataDir, agendaId: DEMO_AGENDA.id, cookies: first.cookies });
	servers.push(second);
	const fresh = await openAgenda(second, 'resident');
	await waitFor(() => paragraphText(fresh.doc, 1).length > 0, 'the fresh client to load');
	const text = paragraphText(fresh.doc, 1);
	for (const m of markers) expect(text).toContain(m);
	fresh.destroy();
	await second.kill9();
});
