import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import { rmSync } from 'node:fs';
import * as Y from 'yjs';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { SESSION_COOKIE } from '../../server/auth/sessions';
import { DEMO_USERS } from '../../server/demo/demoDistrict';
import { CLOSE } from '../../server/sync/SyncEndpoint';
import { AGENDA_FRAGMENT } from '../../src/lib/domain/agenda';
import type { CommentFeedEvent } from '../../src/lib/domain/comments';
import { readPresence } from '../../src/lib/sync/presence';
import { publishedMeeting } from '../helpers/commentFixtures';
import { startTestServer, tempDataDir, waitFor, type TestServer } from '../helpers/server';
import { startTempPostgres, type TempPostgres } from '../helpers/tempPostgres';
import { startTempRedis, type TempRedis } from '../helpers/tempRedis';
import { closeCode, rawSocket } from '../helpers/automergeClient';
import { openAgenda, openRawSocket } from '../helpers/yjsClient';

// Two instances in this process (the services are factories, nothing is global), on one
// PostgreSQL and one Redis: what one instance announces takes effect on the other's sockets
// and streams.
let redis: TempRedis;
let pg: TempPostgres;
let one: TestServer;
let two: TestServer;
const dirs: string[] = [];

beforeAll(async () => {
	redis = await startTempRedis();
	pg = await startTempPostgres();
	const databaseUrl = await pg.createDatabase();
	const start = async (instanceId: string) => {
		const dataDir = tempDataDir();
		dirs.push(dataDir);
		return startTestServer({
			dataDir,
			config: { databaseUrl, redisUrl: redis.url, instanceId }
		});
	};
	one = await start('one');
	two = await start('two');
});
afterAll(async () => {
	await two?.close();
	await one?.close();
	await redis?.stop();
	await pg?.stop();
	for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

test('a comment posted on one instance reaches a stream open on another', async () => {
	const { meetingId } = await publishedMeeting(one, '跨实例评论会');
	const events: CommentFeedEvent[] = [];
	const stop = await two.services.comments.streams.open('u-oc', 'any-session', meetingId, {
		send: (e) => events.push(e),
		end: () => {}
	});
	await waitFor(() => events.some((e) => e.type === 'snapshot'), 'the snapshot');
	await one.services.comments.service.post('u-resident', meetingId, {
		clientKey: randomUUID(),
		body: '另一台服务器上的评论'
	});
	await waitFor(
		() => events.some((e) => e.type === 'comment' && e.data.body === '另一台服务器上的评论'),
		'the comment on the other instance'
	);
	stop();
});

test('a session ended on one instance closes its sockets on the other', async () => {
	const { token, session } = await one.services.sessions.create('u-oc');
	const raw = await openRawSocket(
		{
			...two,
			headersFor: async () => ({ Cookie: `${SESSION_COOKIE}=${token}`, Origin: two.url })
		},
		'oc-member'
	);
	await one.services.sessions.invalidate(session);
	expect(await raw.closed).toBe(CLOSE.unauthorized);
});

test('a meeting minuted on one instance closes its agenda to edits on the other', async () => {
	const { meetingId, agendaId } = await publishedMeeting(one, '跨实例定稿会');
	await one.services.meetings.move('u-secretary', meetingId, 'in_session');
	const editor = await openAgenda(two, 'secretary', { docId: agendaId });
	const watcher = await openAgenda(one, 'rc-member', { docId: agendaId });
	const aware = () =>
		readPresence(editor.provider.awareness.getStates(), editor.provider.awareness.clientID);
	expect(aware().closed).toBe(false);

	await one.services.meetings.move('u-secretary', meetingId, 'minuted');
	await waitFor(() => aware().closed, 'the editor on the other instance to be told');
	editor.doc.getXmlFragment(AGENDA_FRAGMENT).push([paragraphOf('AFTER-MINUTES')]);
	await waitFor(
		() => two.logs.some((l) => l.includes('dropped an update from u-secretary')),
		'the late edit to be dropped'
	);
	await new Promise((r) => setTimeout(r, 300));
	expect(fragmentJson(watcher.doc)).not.toContain('AFTER-MINUTES');
	const rows = await one.services.stores.yjs.load(agendaId);
	const decoder = new TextDecoder();
	expect(rows.updates.some((u) => decoder.decode(u).includes('AFTER-MINUTES'))).toBe(false);
	editor.destroy();
	watcher.destroy();
});

test('viewers on two instances are counted together', async () => {
	const writer = await openAgenda(one, 'secretary');
	const readers = [await openAgenda(one, 'resident'), await openAgenda(two, 'resident')];
	const count = () =>
		readPresence(writer.provider.awareness.getStates(), writer.provider.awareness.clientID).viewers;
	await waitFor(() => count() === 2, 'both instances’ viewers at the writer', 15_000);
	for (const r of readers) r.destroy();
	writer.destroy();
});

test('a member removed on one instance stops writing through a socket open on the other', async () => {
	const member = DEMO_USERS.find((u) => u.username === 'oc-member')!;
	const watcher = await openAgenda(one, 'secretary');
	const editor = await openAgenda(two, 'oc-member');
	editor.provider.awareness.setLocalStateField('cursor', { anchor: 1 });
	const present = () =>
		readPresence(watcher.provider.awareness.getStates(), watcher.provider.awareness.clientID)
			.people.map((p) => p.id)
			.includes(member.id);
	editor.doc.getXmlFragment(AGENDA_FRAGMENT).push([paragraphOf('BEFORE-REMOVAL')]);
	await waitFor(() => fragmentJson(watcher.doc).includes('BEFORE-REMOVAL'), 'a first edit');
	await waitFor(present, 'the editor’s presence across instances');

	expect(
		await one.services.stores.org.removeMembership(member.id, member.unitId, member.role)
	).toBe(true);
	one.services.access.changed(member.id);
	// No longer a writer there (a reader's presence is not shown, a closed socket's is removed).
	await waitFor(() => !present(), 'the other instance to re-check the socket');
	editor.doc.getXmlFragment(AGENDA_FRAGMENT).push([paragraphOf('AFTER-REMOVAL')]);
	await new Promise((r) => setTimeout(r, 500));
	expect(fragmentJson(watcher.doc)).not.toContain('AFTER-REMOVAL');
	editor.destroy();
	watcher.destroy();
});

function paragraphOf(text: string) {
	const p = new Y.XmlElement('paragraph');
	p.insert(0, [new Y.XmlText(text)]);
	return p;
}

function fragmentJson(doc: Y.Doc) {
	return JSON.stringify(doc.getXmlFragment(AGENDA_FRAGMENT).toJSON());
}

test('after a Redis break, agenda and board sockets are judged again: an announcement lost in the break still takes effect', async () => {
	const member = DEMO_USERS.find((u) => u.username === 'rc-member')!;
	const watcher = await openAgenda(one, 'secretary');
	const editor = await openAgenda(two, 'rc-member');
	editor.provider.awareness.setLocalStateField('cursor', { anchor: 2 });
	const present = () =>
		readPresence(watcher.provider.awareness.getStates(), watcher.provider.awareness.clientID)
			.people.map((p) => p.id)
			.includes(member.id);
	await waitFor(present, 'the editor’s presence across instances');
	// (u-oc lost its role in the test above.)
	const { token, session } = await one.services.sessions.create('u-secretary');
	const raw = await openRawSocket(
		{
			...two,
			headersFor: async () => ({ Cookie: `${SESSION_COOKIE}=${token}`, Origin: two.url })
		},
		'secretary'
	);
	// The same session's board socket (one socket carries every board): judged again too.
	const boardSocket = await rawSocket(
		{
			wsUrl: two.wsUrl,
			headersFor: async () => ({ Cookie: `${SESSION_COOKIE}=${token}`, Origin: two.url })
		},
		'secretary'
	);
	const boardClosed = closeCode(boardSocket, 10_000);
	// Changed in the database with no announcement, as if it was published during the break.
	await one.services.stores.org.removeMembership(member.id, member.unitId, member.role);
	await one.services.stores.sessions.remove(session.id);

	const admin = new Redis(redis.url);
	admin.on('error', () => {});
	try {
		await admin.call('CLIENT', 'KILL', 'TYPE', 'pubsub');
		const stillOpen = new Promise((r) => setTimeout(() => r('still open'), 10_000).unref());
		expect(await Promise.race([raw.closed, stillOpen])).toBe(CLOSE.unauthorized);
		expect(await boardClosed).toBe(CLOSE.unauthorized);
		await waitFor(() => !present(), 'the removed member to stop writing');
	} finally {
		admin.disconnect();
		editor.destroy();
		watcher.destroy();
	}
});
