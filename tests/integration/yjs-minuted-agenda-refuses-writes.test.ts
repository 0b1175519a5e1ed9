import { afterAll, beforeAll, expect, test } from 'vitest';
import { startTestServer, waitFor, type TestServer } from '../helpers/server';
import { openAgenda, paragraph, paragraphText, waitForAck } from '../helpers/yjsClient';

/**
 * Issue 6: once minuted, a meeting's agenda is read-only for everyone, enforced by the server —
 * also for sockets that were open, as writers, when it was minuted. Stock y-websocket clients.
 */
let server: TestServer;
beforeAll(async () => {
	server = await startTestServer();
});
afterAll(async () => {
	await server?.close();
});

async function meetingInSession() {
	const { meetings, stores } = server.services;
	const id = await meetings.create('u-secretary', 'c-a', {
		title: '纪要测试',
		date: '2026-12-01',
		time: '10:00',
		place: '会议室',
		committees: ['residents_committee', 'owners_committee', 'property_company'],
		otherParties: ''
	});
	await meetings.move('u-secretary', id, 'published');
	await meetings.move('u-secretary', id, 'in_session');
	return { id, agendaId: (await stores.meetings.get(id))!.agendaId };
}

/** Whether any stored row of the document contains `marker` (Yjs stores inserted text as UTF-8). */
async function stored(docId: string, marker: string) {
	const { updates } = await server.services.stores.yjs.load(docId);
	const decoder = new TextDecoder();
	return updates.some((u) => decoder.decode(u).includes(marker));
}

test('a socket open before the minuting stops writing at once; its edits are dropped, never stored', async () => {
	const { id, agendaId } = await meetingInSession();
	const rc = await openAgenda(server, 'rc-member', { docId: agendaId });
	const secretary = await openAgenda(server, 'secretary', { docId: agendaId });
	const resident = await openAgenda(server, 'resident', { docId: agendaId });

	// Before: a committee member's edit is stored and reaches the others.
	paragraph(rc.doc).insert(0, 'BEFORE-MINUTES ');
	await waitForAck(rc, 1);
	expect(await stored(agendaId, 'BEFORE-MINUTES')).toBe(true);
	await waitFor(() => paragraphText(resident.doc).includes('BEFORE-MINUTES'), 'the relay');

	await server.services.meetings.move('u-secretary', id, 'minuted');
	const rowsAtMinutes = await server.services.stores.yjs.count(agendaId);
	const minutedAt = Date.now();

	// The same sockets, still open, as the committee member and the secretary.
	paragraph(rc.doc).insert(0, 'AFTER-MINUTES-RC ');
	paragraph(secretary.doc).insert(0, 'AFTER-MINUTES-SEC ');
	await waitFor(
		() =>
			server.logs.some((l) => l.includes('dropped an update from u-rc')) &&
			server.logs.some((l) => l.includes('dropped an update from u-secretary')),
		'both drops to be logged'
	);
	// Within a second of the minuting, and the socket is still open (it reads on).
	expect(Date.now() - minutedAt).toBeLessThan(1000);
	expect(rc.provider.wsconnected).toBe(true);
	await new Promise((r) => setTimeout(r, 300));
	expect(await server.services.stores.yjs.count(agendaId)).toBe(rowsAtMinutes);
	expect(await stored(agendaId, 'AFTER-MINUTES')).toBe(false);
	expect(paragraphText(resident.doc)).not.toContain('AFTER-MINUTES');
	// The server's awareness entry tells open editors, so the app turns read-only.
	await waitFor(
		() =>
			[...rc.provider.awareness.getStates().values()].some(
				(s) => s.server === true && s.closed === true
			),
		'the closed flag to reach the open client'
	);
	rc.destroy();
	secretary.destroy();
	resident.destroy();
});

test('a socket opened after the minuting is a reader: its write is dropped, never stored', async () => {
	const { id, agendaId } = await meetingInSession();
	await server.services.meetings.move('u-secretary', id, 'minuted');
	const rowsBefore = await server.services.stores.yjs.count(agendaId);
	expect((await server.services.access.document('u-oc', agendaId))?.level).toBe('read');
	const oc = await openAgenda(server, 'oc-member', { docId: agendaId });
	const watcher = await openAgenda(server, 'pm-staff', { docId: agendaId });
	paragraph(oc.doc).insert(0, 'LATE-WRITE ');
	await waitFor(
		() => server.logs.some((l) => l.includes(`dropped an update from u-oc`)),
		'the drop to be logged'
	);
	await new Promise((r) => setTimeout(r, 300));
	expect(await server.services.stores.yjs.count(agendaId)).toBe(rowsBefore);
	expect(await stored(agendaId, 'LATE-WRITE')).toBe(false);
	expect(paragraphText(watcher.doc)).not.toContain('LATE-WRITE');
	oc.destroy();
	watcher.destroy();
});

test('a burst of edits racing the minuting: nothing sent after the minuting returned is stored', async () => {
	const { id, agendaId } = await meetingInSession();
	const rc = await openAgenda(server, 'rc-member', { docId: agendaId });
	let n = 0;
	let minuted = false;
	const lateMarks: string[] = [];
	const typing = setInterval(() => {
		const mark = `R${n++}X`;
		if (minuted) lateMarks.push(mark);
		paragraph(rc.doc).insert(0, mark);
	}, 5);
	await new Promise((r) => setTimeout(r, 100));
	await server.services.meetings.move('u-secretary', id, 'minuted');
	minuted = true;
	await new Promise((r) => setTimeout(r, 200));
	clearInterval(typing);
	await new Promise((r) => setTimeout(r, 300));
	expect(lateMarks.length).toBeGreaterThan(5);
	for (const mark of lateMarks) expect(await stored(agendaId, mark), mark).toBe(false);
	rc.destroy();
});

test('a correction opens a new revision for writing; the minuted one stays closed', async () => {
	const { id, agendaId } = await meetingInSession();
	await server.services.meetings.move('u-secretary', id, 'minuted');
	const next = await server.services.meetings.correct('u-secretary', id, '决定二有误');
	const oldRows = await server.services.stores.yjs.count(agendaId);

	const onOld = await openAgenda(server, 'rc-member', { docId: agendaId });
	const onNew = await openAgenda(server, 'rc-member', { docId: next });
	expect(paragraphText(onNew.doc)).toBe(paragraphText(onOld.doc));
	paragraph(onNew.doc).insert(0, 'CORRECTED ');
	await waitForAck(onNew, 1);
	expect(await stored(next, 'CORRECTED')).toBe(true);
	paragraph(onOld.doc).insert(0, 'OLD-REVISION ');
	await waitFor(
		() => server.logs.some((l) => l.includes(`on ${agendaId}`) && l.includes('dropped')),
		'the drop on the old revision'
	);
	expect(await server.services.stores.yjs.count(agendaId)).toBe(oldRows);
	expect(await stored(agendaId, 'OLD-REVISION')).toBe(false);
	onOld.destroy();
	onNew.destroy();
});

test('the store decides: minuted by another process (no socket re-checked), a writer socket still stores nothing', async () => {
	const { id, agendaId } = await meetingInSession();
	const rc = await openAgenda(server, 'rc-member', { docId: agendaId });
	// Written straight to the database, as a second server process would: nobody tells this one.
	await server.services.stores.meetings.move(id, 'in_session', 'minuted', {
		reason: null,
		authorId: 'u-secretary',
		at: Date.now()
	});
	const rows = await server.services.stores.yjs.count(agendaId);
	paragraph(rc.doc).insert(0, 'UNNOTIFIED ');
	await waitFor(
		() => server.logs.some((l) => l.includes(`on ${agendaId}: closed to edits`)),
		'the closed agenda to drop it'
	);
	expect(await server.services.stores.yjs.count(agendaId)).toBe(rows);
	expect(await stored(agendaId, 'UNNOTIFIED')).toBe(false);
	rc.destroy();
});
