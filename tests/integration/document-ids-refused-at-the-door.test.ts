import Database from 'better-sqlite3';
import { readdirSync } from 'node:fs';
import { connect } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { CLOSE } from '../../server/sync/SyncEndpoint';
import { YJS_SYNC_PATH } from '../../src/lib/domain/yjsProtocol';
import { closeCode, firstSyncMessage, joinedSocket, sendMessage } from '../helpers/automergeClient';
import { startTestServer, type TestServer } from '../helpers/server';

/**
 * The status of an upgrade for `path` exactly as written: WHATWG URL parsing in a client would
 * resolve `./` and `..` before the server ever saw them.
 */
function upgradeStatus(path: string, headers: Record<string, string>): Promise<number> {
	const socket = connect(server.port, '127.0.0.1');
	socket.on('error', () => {});
	let answer = '';
	return new Promise((resolve) => {
		socket.on('data', (chunk: Buffer) => {
			answer += chunk.toString('latin1');
			const status = /^HTTP\/1\.1 (\d+)/.exec(answer);
			if (status) {
				socket.destroy();
				resolve(Number(status[1]));
			}
		});
		socket.on('close', () => resolve(0));
		socket.write(
			`GET ${path} HTTP/1.1\r\nHost: 127.0.0.1:${server.port}\r\nUpgrade: websocket\r\n` +
				'Connection: Upgrade\r\nSec-WebSocket-Version: 13\r\n' +
				'Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n' +
				`Cookie: ${headers.Cookie}\r\nOrigin: ${headers.Origin}\r\n\r\n`
		);
	});
}

let server: TestServer;
let headers: Record<string, string>;
beforeAll(async () => {
	server = await startTestServer();
	headers = await server.headersFor('secretary');
});
afterAll(async () => {
	await server?.close();
});

/** Rows in every table and the files in DATA_DIR: what "nothing written" is checked against. */
function footprint() {
	const db = new Database(join(server.dataDir, 'gongzhi.sqlite'), { readonly: true });
	try {
		const tables = db
			.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")
			.all() as { name: string }[];
		const rows = Object.fromEntries(
			tables.map(({ name }) => [
				name,
				(db.prepare(`SELECT count(*) AS n FROM "${name}"`).get() as { n: number }).n
			])
		);
		return { rows, files: readdirSync(server.dataDir).sort() };
	} finally {
		db.close();
	}
}

/** Ids no server made: traversal, NUL, percent tricks, look-alikes, absurd lengths, non-ids. */
const BAD_AGENDA_IDS = [
	'../../etc/passwd',
	'..%2F..%2Fetc%2Fpasswd',
	'%2e%2e%2f%2e%2e%2fgongzhi.sqlite',
	'meeting-c-a-2026-12%00',
	'meeting-c-a-2026-12%2500',
	'meeting-c-a-2026-12/..',
	'meeting-c-a-2026-12/',
	'./meeting-c-a-2026-12',
	'MEETING-C-A-2026-12',
	// Cyrillic а and fullwidth digits that look like the demo agenda's id.
	encodeURIComponent('meeting-c-\u0430-2026-12'),
	encodeURIComponent('meeting-c-a-\uff12\uff10\uff12\uff16-12'),
	'meeting-c-a-2026-12%20',
	'meeting-c-a-2026-12;x',
	'meeting-c-a-2026-12#',
	'meeting c a',
	'meeting-c-a-2026-12\u0000',
	'',
	'x'.repeat(10_000),
	'a'.repeat(64) // well formed, but no such agenda
];

test('bad agenda ids are refused at the Yjs upgrade, and nothing is written', async () => {
	const before = footprint();
	for (const id of BAD_AGENDA_IDS) {
		const status = await upgradeStatus(`${YJS_SYNC_PATH}/${id}`, headers);
		// 404 from our router, or 400 from Node's HTTP parser for bytes a URL may not hold.
		expect([400, 404], `upgrade to ${JSON.stringify(id.slice(0, 40))}`).toContain(status);
	}
	// The router's other doors: paths beside the endpoints and a 20 kB URL.
	for (const path of ['/sync/yjs', '/sync/automerge/x', '/sync/automerge/../yjs', '/sync/x']) {
		expect(await upgradeStatus(path, headers), path).toBe(404);
	}
	const huge = await upgradeStatus(`${YJS_SYNC_PATH}/${'y'.repeat(20_000)}`, headers);
	expect([400, 404, 431]).toContain(huge);
	expect(footprint()).toEqual(before);
	expect(server.services.yjs.stats().openDocuments).toBe(0);
	expect(server.logs.filter((l) => l.startsWith('yjs refused')).length).toBeGreaterThan(10);
});

/** The id with one character swapped for a homoglyph (Cyrillic letter, fullwidth digit). */
function lookAlike(id: string): string {
	const glyphs: Record<string, string> = { a: 'а', c: 'с', e: 'е', o: 'о', p: 'р', x: 'х' };
	const swapped = id.replace(
		/[acepox1-9]/,
		(c) => glyphs[c] ?? String.fromCharCode(0xff10 + Number(c))
	);
	if (swapped === id) throw new Error(`no character to swap in ${id}`);
	return swapped;
}

const BAD_BOARD_IDS = [
	'../../etc/passwd',
	'..\\..\\gongzhi.sqlite',
	'\u0000',
	'z'.repeat(10_000),
	'1'.repeat(200_000),
	'z'.repeat(50_000),
	'',
	'automerge:abc'
];

test('bad board ids are refused on the Automerge socket (4400) fast, and nothing is written', async () => {
	const boardId = server.boardId;
	const variants = [
		...BAD_BOARD_IDS,
		`${boardId}\u0000`,
		`${boardId}/..`,
		boardId.toUpperCase(),
		// A look-alike: one character swapped for a Cyrillic letter.
		lookAlike(boardId)
	];
	// One session for every socket, so the session table does not grow either.
	const knock = { wsUrl: server.wsUrl, headersFor: async () => headers };
	const before = footprint();
	for (const documentId of variants) {
		const ws = await joinedSocket(knock, 'secretary');
		const started = Date.now();
		const closed = closeCode(ws);
		sendMessage(ws, {
			type: 'request',
			senderId: 'raw',
			targetId: 'server',
			documentId,
			data: firstSyncMessage()
		});
		expect(await closed, JSON.stringify(documentId.slice(0, 40))).toBe(CLOSE.badMessage);
		// A 200 kB id once held the event loop for minutes (quadratic base58 decoding).
		expect(Date.now() - started).toBeLessThan(1000);
	}
	expect(footprint()).toEqual(before);
});
