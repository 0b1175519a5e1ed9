import { afterAll, beforeAll, expect, test } from 'vitest';
import { CLOSE } from '../../server/sync/SyncEndpoint';
import { startTestServer, waitFor, type TestServer } from '../helpers/server';
import { openAgenda, openRawSocket, paragraph, paragraphText } from '../helpers/yjsClient';

let server: TestServer;
beforeAll(async () => {
	server = await startTestServer();
});
afterAll(async () => {
	await server?.close();
});

test("ending a user's sessions closes their sockets as unauthorized", async () => {
	const raw = await openRawSocket(server, 'oc-member');
	await server.services.sessions.invalidateUser('u-oc');
	expect(await raw.closed).toBe(CLOSE.unauthorized);
});

test('losing the role closes the socket as forbidden; losing write access makes a reader', async () => {
	const raw = await openRawSocket(server, 'pm-staff');
	await server.services.stores.org.removeMembership('u-pm', 'c-a', 'property_company');
	server.services.access.changed('u-pm');
	expect(await raw.closed).toBe(CLOSE.forbidden);

	// rc-member becomes a plain resident while connected: still reads, no longer writes.
	const demoted = await openAgenda(server, 'rc-member');
	const watcher = await openAgenda(server, 'secretary');
	await server.services.stores.org.addMembership({
		userId: 'u-rc',
		unitId: 'c-a',
		role: 'resident'
	});
	await server.services.stores.org.removeMembership('u-rc', 'c-a', 'residents_committee');
	server.services.access.changed('u-rc');
	await waitFor(() => server.logs.some((l) => l.includes('u-rc')) || true, 'the recheck to run');
	await new Promise((r) => setTimeout(r, 200));
	paragraph(demoted.doc).insert(0, 'AFTER-DEMOTION ');
	await waitFor(
		() => server.logs.some((l) => l.includes('dropped an update from u-rc')),
		'the demoted update to be dropped'
	);
	expect(paragraphText(watcher.doc)).not.toContain('AFTER-DEMOTION');
	paragraph(watcher.doc).insert(0, 'STILL-READS ');
	await waitFor(() => paragraphText(demoted.doc).includes('STILL-READS'), 'the reader to receive');
	demoted.destroy();
	watcher.destroy();
});
