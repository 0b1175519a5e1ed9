import * as A from '@automerge/automerge';
import { rmSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { SESSION_COOKIE, SessionService } from '../../server/auth/sessions';
import { openSqliteStores } from '../../server/storage/sqlite';
import type { Stores } from '../../server/storage/Stores';
import type { Board } from '../../src/lib/domain/board';
import { boardClient, waitUntilServerHas, type BoardClient } from '../helpers/automergeClient';
import { startServerProcess, type ServerProcess } from '../helpers/serverProcess';
import { tempDataDir } from '../helpers/server';

const dataDir = tempDataDir();
let proc: ServerProcess | null = null;
let stores: Stores | null = null;
afterAll(async () => {
	await proc?.kill('SIGKILL');
	await stores?.close();
	rmSync(dataDir, { recursive: true, force: true });
});

/** What boardClient needs from a server, for one running in a child process. */
function target(p: ServerProcess, sessions: SessionService) {
	return {
		port: p.port,
		headersFor: async (username: string) => {
			const user = await stores?.users.byUsername(username);
			if (!user) throw new Error(`no user ${username}`);
			const { token } = await sessions.create(user.id);
			return { Cookie: `${SESSION_COOKIE}=${token}`, Origin: p.url };
		}
	};
}

describe('an acknowledged change', () => {
	it('survives kill -9, seen by a fresh client with no storage after every writer closed', async () => {
		proc = await startServerProcess(dataDir);
		// The test reads the same database (WAL) to mint sessions, as a login would.
		stores = openSqliteStores(dataDir);
		const sessions = new SessionService(stores.sessions, stores.users);
		const board = (await stores.documents.inCommunities(['c-a'])).find((d) => d.kind === 'board');
		if (!board) throw new Error('no demo board');

		const writer: BoardClient = await boardClient(target(proc, sessions), 'secretary');
		const handle = await writer.find<Board>(board.id);
		const taskId = Object.keys(handle.doc().tasks)[0] as string;
		handle.change((d) => {
			A.splice(d, ['tasks', taskId, 'notes'], 0, 0, 'SURVIVES-KILL-9 ');
			d.title = 'after the crash';
		});
		await waitUntilServerHas(writer, handle);
		const storageIdBefore = writer.serverStorageId();
		await proc.kill('SIGKILL');
		// Writers first: a reconnecting writer would re-send its state and hide a server that forgot.
		await writer.close();

		proc = await startServerProcess(dataDir);
		const fresh = await boardClient(target(proc, sessions), 'rc-member');
		try {
			const seen = (await fresh.find<Board>(board.id)).doc();
			expect(seen.tasks[taskId]?.notes).toContain('SURVIVES-KILL-9');
			expect(seen.title).toBe('after the crash');
			// Clients key the server's heads by its storage id: it must not change on restart.
			expect(fresh.serverStorageId()).toBe(storageIdBefore);
		} finally {
			await fresh.close();
		}
	});
});
