import { afterAll, beforeAll, expect, test } from 'vitest';
import { YJS_SYNC_PATH } from '../../src/lib/domain/yjsProtocol';
import { startTestServer, type TestServer } from '../helpers/server';
import { upgradeStatus } from '../helpers/yjsClient';

let server: TestServer;
beforeAll(async () => {
	server = await startTestServer();
});
afterAll(async () => {
	await server?.close();
});

const url = (id: string) => `${server.wsUrl}${YJS_SYNC_PATH}/${id}`;

test('an outsider and a client without a session are refused at the upgrade', async () => {
	expect(await upgradeStatus(url(server.agendaId), await server.headersFor('secretary'))).toBe(101);
	expect(await upgradeStatus(url(server.agendaId), await server.headersFor('outsider'))).toBe(404);
	expect(await upgradeStatus(url(server.agendaId), { Origin: server.url })).toBe(401);
	expect(server.logs.some((l) => l.includes('yjs refused u-outsider'))).toBe(true);
});

test('a bad, unknown or non-agenda id gets the same answer as a forbidden agenda', async () => {
	const headers = await server.headersFor('secretary');
	const forbidden = await upgradeStatus(url(server.agendaId), await server.headersFor('outsider'));
	const bad = [
		'%2e%2e%2f%2e%2e%2fgongzhi.sqlite',
		'..%2Fmeeting-c-a-2026-12',
		'a'.repeat(200),
		'meeting-that-does-not-exist',
		server.boardId,
		''
	];
	for (const id of bad) expect(await upgradeStatus(url(id), headers), id).toBe(forbidden);
});
