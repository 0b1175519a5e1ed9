import * as A from '@automerge/automerge';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Board } from '../../src/lib/domain/board';
import { boardClient, waitUntilServerHas, type BoardClient } from '../helpers/automergeClient';
import { startTestServer, waitFor, type TestServer } from '../helpers/server';

let server: TestServer;
const clients: BoardClient[] = [];
beforeAll(async () => {
	server = await startTestServer();
});
afterAll(async () => {
	for (const c of clients) await c.close();
	await server.close();
});

describe("a reader's changes", () => {
	it('close its socket and are never applied, relayed or stored', async () => {
		const store = server.services.stores.automerge;
		const [writer, reader] = await Promise.all([
			boardClient(server, 'secretary'),
			boardClient(server, 'resident')
		]);
		clients.push(writer, reader);
		const [hw, hr] = await Promise.all([
			writer.find<Board>(server.boardId),
			reader.find<Board>(server.boardId)
		]);
		// Readers may receive the board.
		expect(hr.doc().title).toBe(hw.doc().title);
		const taskId = Object.keys(hw.doc().tasks)[0] as string;
		const chunksBefore = await store.chunkCount(server.boardId);

		hr.change((d) => {
			A.splice(d, ['tasks', taskId, 'notes'], 0, 0, 'READER-WAS-HERE ');
			d.title = 'defaced';
			// The v2 fields too: the pledge's lists, a checklist, a waiver, the progress log.
			d.pledge.deadline = '2099-01-01';
			d.pledge.responsible.push('READER');
			d.pledge.fundingSources.splice(0, 1);
			d.category = 'other';
			d.problemIds.push('p-forged');
			const task = d.tasks[taskId]!;
			task.checklist['c-forged'] = { id: 'c-forged', rank: 9, text: 'READER', done: true };
			task.status = 'waived';
			task.waivedReason = 'READER';
			d.progress['p-forged'] = {
				id: 'p-forged',
				date: '2026-01-01',
				text: 'READER',
				photoIds: [],
				createdAt: 1
			};
		});
		const readerHash = A.getHeads(hr.doc())[0] as string;
		await waitFor(
			() => server.logs.find((l) => l.includes('u-resident') && l.includes('(4403)')),
			'the reader socket to be closed as forbidden'
		);
		// The stock client reconnects and offers its change again; it must be refused each time.
		await waitFor(
			() => server.logs.filter((l) => l.includes('u-resident') && l.includes('(4403)')).length > 1,
			'the reconnected reader to be refused again'
		);

		// The writer keeps syncing, and what it gets back from the server has no trace of the
		// reader's change.
		hw.change((d) => {
			A.splice(d, ['tasks', taskId, 'notes'], 0, 0, 'writer ');
		});
		await waitUntilServerHas(writer, hw);
		const fresh = await boardClient(server, 'secretary');
		clients.push(fresh);
		const hf = await fresh.find<Board>(server.boardId);
		await waitFor(() => hf.doc().tasks[taskId]?.notes.startsWith('writer '), 'the fresh client');
		for (const doc of [hw.doc(), hf.doc()]) {
			expect(doc.title).not.toBe('defaced');
			expect(doc.pledge.deadline).toBe(hw.doc().pledge.deadline);
			expect(doc.pledge.deadline).not.toBe('2099-01-01');
			expect(JSON.stringify(doc)).not.toContain('READER');
			expect(JSON.stringify(doc)).not.toContain('forged');
			expect(doc.pledge.fundingSources.length).toBeGreaterThan(0);
			expect(doc.tasks[taskId]?.status).not.toBe('waived');
			expect(doc.tasks[taskId]?.notes).not.toContain('READER-WAS-HERE');
			expect(A.hasHeads(doc, [readerHash])).toBe(false);
		}
		// Only the writer's one change was stored; nothing of the reader's, not even authorship.
		expect(await store.chunkCount(server.boardId)).toBe(chunksBefore + 1);
		expect(await store.authorOf(server.boardId, readerHash)).toBeNull();
	});
});
