import * as A from '@automerge/automerge';
import { generateAutomergeUrl, parseAutomergeUrl } from '@automerge/automerge-repo';
import * as encoding from 'lib0/encoding';
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { newBoard } from '../../server/automerge/newBoard';
import { DEMO_AGENDA, DEMO_BOARD } from '../../server/demo/demoDistrict';
import { STALE_PROBE_MS } from '../../server/sync/ConnectionLimit';
import { CLOSE } from '../../server/sync/SyncEndpoint';
import { newAgenda } from '../../server/yjs/newAgenda';
import { AGENDA_SCHEMA_VERSION } from '../../src/lib/domain/agenda';
import { BOARD_SCHEMA_VERSION, type Board } from '../../src/lib/domain/board';
import { MESSAGE_SYNC, SYNC_UPDATE, YJS_SYNC_PATH } from '../../src/lib/domain/yjsProtocol';
import {
	boardClient,
	closeCode,
	joinedSocket,
	rawSocket,
	sendMessage,
	waitUntilServerHas
} from '../helpers/automergeClient';
import { TcpProxy } from '../helpers/proxy';
import { startTestServer, waitFor, type TestServer } from '../helpers/server';
import {
	openAgenda,
	openRawSocket,
	paragraph,
	paragraphText,
	upgradeStatus
} from '../helpers/yjsClient';

const MAX_DOCUMENT_BYTES = 200 * 1024;
const MAX_SOCKETS = 4;
const BIG_AGENDA = 'agenda-size-cap-test';
let server: TestServer;
let bigBoard: string;

beforeAll(async () => {
	server = await startTestServer({
		config: { maxDocumentBytes: MAX_DOCUMENT_BYTES, maxSocketsPerUser: MAX_SOCKETS }
	});
	// A second agenda and board to fill, so the demo ones show that nothing else is affected.
	const { stores } = server.services;
	const agenda = newAgenda(DEMO_AGENDA.blocks);
	await stores.documents.register({
		id: BIG_AGENDA,
		kind: 'agenda',
		communityId: 'c-a',
		title: 'size cap',
		schemaVersion: AGENDA_SCHEMA_VERSION,
		createdBy: 'u-secretary'
	});
	await stores.yjs.bindClient(BIG_AGENDA, agenda.clientId, 'system:test');
	await stores.yjs.append(BIG_AGENDA, agenda.update, 'system:test');
	bigBoard = parseAutomergeUrl(generateAutomergeUrl()).documentId;
	await stores.documents.register({
		id: bigBoard,
		kind: 'board',
		communityId: 'c-a',
		title: 'size cap',
		schemaVersion: BOARD_SCHEMA_VERSION,
		createdBy: 'u-secretary'
	});
	const board = newBoard({
		...DEMO_BOARD,
		title: 'size cap'
	});
	await stores.automerge.appendChanges(bigBoard, board.changes, 'system:test');
});
afterAll(async () => {
	await server?.close();
});

/** ~30 kB that no compression shrinks much. */
const bulk = () => randomBytes(22_000).toString('base64');

async function demoAgendaStillSyncs(marker: string) {
	const a = await openAgenda(server, 'rc-member');
	const b = await openAgenda(server, 'oc-member');
	paragraph(a.doc).insert(0, marker);
	await waitFor(() => paragraphText(b.doc).includes(marker), `${marker} to propagate`);
	a.destroy();
	b.destroy();
}

describe('oversized documents', () => {
	it('a Yjs agenda past its size cap refuses further growth with 4413, stays readable, and other agendas are unaffected', async () => {
		const raw = await openRawSocket(server, 'secretary', { docId: BIG_AGENDA });
		const doc = new Y.Doc();
		const updates: Uint8Array[] = [];
		doc.on('update', (u: Uint8Array) => updates.push(u));
		for (let i = 0; i < 12; i++) doc.getText('bulk').insert(0, bulk());
		for (const update of updates) {
			const e = encoding.createEncoder();
			encoding.writeVarUint(e, MESSAGE_SYNC);
			encoding.writeVarUint(e, SYNC_UPDATE);
			encoding.writeVarUint8Array(e, update);
			raw.ws.send(encoding.toUint8Array(e));
		}
		expect(await raw.closed).toBe(CLOSE.documentTooLarge);
		const { updates: stored } = await server.services.stores.yjs.load(BIG_AGENDA);
		const storedBytes = stored.reduce((n, u) => n + u.byteLength, 0);
		expect(storedBytes).toBeLessThanOrEqual(MAX_DOCUMENT_BYTES);
		expect(storedBytes).toBeGreaterThan(MAX_DOCUMENT_BYTES / 2);
		// Still readable: a reader gets what was stored.
		const reader = await openAgenda(server, 'resident', { docId: BIG_AGENDA });
		expect(reader.doc.getText('bulk').length).toBeGreaterThan(100_000);
		reader.destroy();
		await demoAgendaStillSyncs('[after the agenda cap]');
	});

	it('an Automerge board past its size cap refuses further changes with 4413, stays readable, and other boards are unaffected', async () => {
		const ws = await joinedSocket(server, 'secretary');
		// Compacting a growing board is slow on a loaded 2-core machine: wait long enough.
		const closed = closeCode(ws, 30_000);
		for (let i = 0; i < 12; i++) {
			const doc = A.from<Record<string, string>>({ [`bulk${i}`]: bulk() });
			const change = A.getLastLocalChange(doc);
			if (!change) throw new Error('no change');
			const data = A.encodeSyncMessage({
				heads: A.getHeads(doc),
				need: [],
				have: [],
				changes: [change]
			});
			sendMessage(ws, {
				type: 'sync',
				senderId: 'raw',
				targetId: 'server',
				documentId: bigBoard,
				data
			});
		}
		expect(await closed).toBe(CLOSE.documentTooLarge);
		const reader = await boardClient(server, 'resident');
		const handle = await reader.find<Record<string, unknown>>(bigBoard);
		expect(Object.keys(handle.doc()).filter((k) => k.startsWith('bulk')).length).toBeGreaterThan(2);
		await reader.close();
		// The demo board still takes changes.
		const writer = await boardClient(server, 'rc-member');
		const demo = await writer.find<Board>(server.boardId);
		const taskId = Object.keys(demo.doc().tasks)[0] as string;
		demo.change((d) => A.splice(d, ['tasks', taskId, 'notes'], 0, 0, '[after the board cap]'));
		await waitUntilServerHas(writer, demo);
		await writer.close();
	}, 60_000);
});

describe('too many sockets per user', () => {
	it('the socket past the per-user cap gets 429 on either endpoint; other users and the open sockets are unaffected', async () => {
		const user = 'pm-staff';
		const open = [
			(await openRawSocket(server, user)).ws,
			(await openRawSocket(server, user)).ws,
			await rawSocket(server, user),
			await rawSocket(server, user)
		];
		expect(open).toHaveLength(MAX_SOCKETS);
		const yjsUrl = `${server.wsUrl}${YJS_SYNC_PATH}/${DEMO_AGENDA.id}`;
		const amUrl = `${server.wsUrl}/sync/automerge`;
		expect(await upgradeStatus(yjsUrl, await server.headersFor(user))).toBe(429);
		expect(await upgradeStatus(amUrl, await server.headersFor(user))).toBe(429);
		expect(await upgradeStatus(yjsUrl, await server.headersFor('oc-member'))).toBe(101);
		expect(open.every((ws) => ws.readyState === ws.OPEN)).toBe(true);
		// Closing one frees its place.
		open[0]?.close();
		await waitFor(
			() => server.services.socketLimit.openFor('u-pm') === MAX_SOCKETS - 1,
			'a place to free up'
		);
		expect(await upgradeStatus(amUrl, await server.headersFor(user))).toBe(101);
		for (const ws of open) ws.close();
		await waitFor(() => server.services.socketLimit.openFor('u-pm') === 0, 'every place freed');
	});

	it('at the cap, sockets whose network vanished are dropped after an unanswered ping, live ones stay', async () => {
		const user = 'pm-staff';
		const proxy = await new TcpProxy({ host: '127.0.0.1', port: server.port }).listen();
		// Same origin as far as the server can tell: the Host it sees is the proxy's.
		const viaProxy = {
			...server,
			wsUrl: `ws://127.0.0.1:${proxy.port}`,
			headersFor: async (u: string) => ({
				...(await server.headersFor(u)),
				Origin: `http://127.0.0.1:${proxy.port}`
			})
		};
		const lost = [(await openRawSocket(viaProxy, user)).ws, await rawSocket(viaProxy, user)];
		const live = [(await openRawSocket(server, user)).ws, await rawSocket(server, user)];
		proxy.blackhole();
		const amUrl = `${server.wsUrl}/sync/automerge`;
		// Refused now; the refusal asks every socket of the user whether it is still there.
		expect(await upgradeStatus(amUrl, await server.headersFor(user))).toBe(429);
		await waitFor(
			() => server.services.socketLimit.openFor('u-pm') === 2,
			'the two silent sockets to be dropped',
			STALE_PROBE_MS + 3_000
		);
		expect(live.every((ws) => ws.readyState === ws.OPEN)).toBe(true);
		expect(await upgradeStatus(amUrl, await server.headersFor(user))).toBe(101);
		// Live sockets answer the ping: a user really at the cap stays refused.
		const again = [await rawSocket(server, user), await rawSocket(server, user)];
		expect(await upgradeStatus(amUrl, await server.headersFor(user))).toBe(429);
		await new Promise((r) => setTimeout(r, STALE_PROBE_MS + 500));
		expect([...live, ...again].every((ws) => ws.readyState === ws.OPEN)).toBe(true);
		expect(await upgradeStatus(amUrl, await server.headersFor(user))).toBe(429);
		for (const ws of [...lost, ...live, ...again]) ws.terminate();
		await proxy.close();
		await waitFor(() => server.services.socketLimit.openFor('u-pm') === 0, 'every place freed');
	}, 30_000);
});
