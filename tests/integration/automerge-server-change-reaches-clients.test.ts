import * as A from '@automerge/automerge';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Board } from '../../src/lib/domain/board';
import { applyServerChange, NotABoard, readServerBoard } from '../../server/automerge/serverChange';
import { boardClient } from '../helpers/automergeClient';
import { startTestServer, waitFor, type TestServer } from '../helpers/server';

let server: TestServer;
beforeAll(async () => {
	server = await startTestServer();
});
afterAll(async () => {
	await server.close();
});

describe('server changes (applyServerChange)', () => {
	it('reach a connected stock client and are stored with the author the server names', async () => {
		const client = await boardClient(server, 'rc-member');
		try {
			const handle = await client.find<Board>(server.boardId);
			const before = A.getHeads(handle.doc());
			const hashes = await applyServerChange<Board>(
				server.services,
				server.boardId,
				(d) => {
					d.title = '服务器改的标题';
				},
				'u-secretary'
			);
			expect(hashes).toHaveLength(1);
			await waitFor(() => handle.doc().title === '服务器改的标题', 'the change at the client');
			expect(A.getHeads(handle.doc())).not.toEqual(before);
			const author = await server.services.stores.automerge.authorOf(
				server.boardId,
				hashes[0] as string
			);
			expect(author?.userId).toBe('u-secretary');
		} finally {
			await client.close();
		}
	});

	it('are kept when the board is not open, and a client that opens it later gets them', async () => {
		await waitFor(
			() => server.services.automerge.stats().openDocuments === 0,
			'the board to unload'
		);
		const [hash] = await applyServerChange<Board>(
			server.services,
			server.boardId,
			(d) => {
				d.pledge.goal = '年底前完成';
			},
			'system:test'
		);
		expect((await server.services.stores.automerge.authorOf(server.boardId, hash!))?.userId).toBe(
			'system:test'
		);
		// The room the server opened for itself unloads again, and nothing is lost with it.
		await waitFor(
			() => server.services.automerge.stats().openDocuments === 0,
			'the room opened by the server to unload'
		);
		const client = await boardClient(server, 'secretary');
		try {
			const handle = await client.find<Board>(server.boardId);
			await waitFor(() => handle.doc().pledge.goal === '年底前完成', 'the stored change');
		} finally {
			await client.close();
		}
	});

	it('that make no operation store nothing', async () => {
		const before = A.getHeads(await readServerBoard<Board>(server.services, server.boardId));
		const hashes = await applyServerChange<Board>(
			server.services,
			server.boardId,
			(d) => {
				// A migration that finds nothing to do: reading makes no operation.
				void d.title;
			},
			'system:test'
		);
		expect(hashes).toEqual([]);
		expect(A.getHeads(await readServerBoard<Board>(server.services, server.boardId))).toEqual(
			before
		);
	});

	it('refuse a document that is not a registered board', async () => {
		await expect(
			applyServerChange(server.services, server.agendaId, () => {}, 'system:test')
		).rejects.toBeInstanceOf(NotABoard);
	});
});
