import * as A from '@automerge/automerge';
import { rmSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { DEMO_AGENDA } from '../../server/demo/demoDistrict';
import type { Board } from '../../src/lib/domain/board';
import { boardClient, waitUntilServerHas, type BoardClient } from '../helpers/automergeClient';
import { spawnServer, type ChildServer } from '../helpers/childServer';
import { tempDataDir } from '../helpers/server';

const dataDir = tempDataDir();
let proc: ChildServer | null = null;
afterAll(async () => {
	await proc?.kill9();
	rmSync(dataDir, { recursive: true, force: true });
});

describe('an acknowledged change', () => {
	it('survives kill -9, seen by a fresh client with no storage after every writer closed', async () => {
		const first = await spawnServer({
			dataDir,
			agendaId: DEMO_AGENDA.id,
			sessionsFor: ['secretary', 'rc-member']
		});
		proc = first;
		const writer: BoardClient = await boardClient(first, 'secretary');
		const handle = await writer.find<Board>(first.boardId);
		const taskId = Object.keys(handle.doc().tasks)[0] as string;
		handle.change((d) => {
			A.splice(d, ['tasks', taskId, 'notes'], 0, 0, 'SURVIVES-KILL-9 ');
			d.title = 'after the crash';
		});
		await waitUntilServerHas(writer, handle);
		const storageIdBefore = writer.serverStorageId();
		await first.kill9();
		// Writers first: a reconnecting writer would re-send its state and hide a server that forgot.
		await writer.close();

		// The sessions minted by the first process live in the database and still hold.
		const second = await spawnServer({ dataDir, agendaId: DEMO_AGENDA.id, cookies: first.cookies });
		proc = second;
		const fresh = await boardClient(second, 'rc-member');
		try {
			const seen = (await fresh.find<Board>(first.boardId)).doc();
			expect(seen.tasks[taskId]?.notes).toContain('SURVIVES-KILL-9');
			expect(seen.title).toBe('after the crash');
			// Clients key the server's heads by its storage id: it must not change on restart.
			expect(fresh.serverStorageId()).toBe(storageIdBefore);
		} finally {
			await fresh.close();
		}
	});
});
