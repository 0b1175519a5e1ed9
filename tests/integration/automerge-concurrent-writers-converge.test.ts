import * as A from '@automerge/automerge';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Board, TaskStatus } from '../../src/lib/domain/board';
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

const EDITS = 220;
const STATUSES: TaskStatus[] = ['todo', 'doing', 'done'];

describe('two writers editing one task concurrently', () => {
	it('end identical with every marker from both present', async () => {
		const [a, b] = await Promise.all([
			boardClient(server, 'secretary'),
			boardClient(server, 'rc-member')
		]);
		clients.push(a, b);
		const [ha, hb] = await Promise.all([
			a.find<Board>(server.boardId),
			b.find<Board>(server.boardId)
		]);
		const taskId = Object.keys(ha.doc().tasks)[0] as string;

		const edit = async (who: string, handle: typeof ha) => {
			for (let i = 0; i < EDITS; i++) {
				handle.change((d) => {
					const task = d.tasks[taskId] as Board['tasks'][string];
					// Insert at a marker boundary chosen from the current text, so the two writers'
					// markers interleave without one landing inside the other.
					const bounds = [0, ...[...task.notes.matchAll(/>/g)].map((m) => m.index + 1)];
					const at = bounds[(i * 7) % bounds.length] as number;
					A.splice(d, ['tasks', taskId, 'notes'], at, 0, `<${who}${i}>`);
					task.status = STATUSES[i % 3] as TaskStatus;
					task.owner = `${who}-${i}`;
				});
				if (i % 10 === 0) await new Promise((r) => setTimeout(r, 5));
			}
		};
		await Promise.all([edit('a', ha), edit('b', hb)]);
		await waitFor(
			() => A.equals(ha.doc(), hb.doc()) && ha.heads().join() === hb.heads().join(),
			'both writers to converge',
			30_000
		);
		await Promise.all([waitUntilServerHas(a, ha), waitUntilServerHas(b, hb)]);
		const notes = (ha.doc().tasks[taskId] as Board['tasks'][string]).notes;
		for (let i = 0; i < EDITS; i++) {
			// Markers must be whole: a split marker would mean a lost or reordered edit.
			expect(notes).toContain(`<a${i}>`);
			expect(notes).toContain(`<b${i}>`);
		}
		expect(hb.doc().tasks[taskId]).toEqual(ha.doc().tasks[taskId]);
		// Neither writer was ever refused or cut off on the way.
		expect(server.logs.filter((l) => l.includes('closing socket'))).toEqual([]);
	});
});
