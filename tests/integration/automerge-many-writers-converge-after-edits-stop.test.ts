import * as A from '@automerge/automerge';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Board } from '../../src/lib/domain/board';
import { writersOnOneBoard } from '../helpers/automergeClient';
import { seededRandom } from '../helpers/seededRandom';
import { startTestServer, waitFor, type TestServer } from '../helpers/server';

const WRITERS = 20;
const EDITS_EACH = 12;

let server: TestServer;
let writers: Awaited<ReturnType<typeof writersOnOneBoard<Board>>> | undefined;
beforeAll(async () => {
	server = await startTestServer({ config: { maxSocketsPerUser: WRITERS } });
});
afterAll(async () => {
	await writers?.close();
	await server.close();
});

/**
 * The soak's board failure, small: twenty stock clients writing one board at once. When the
 * server answered every sync message and relayed every change to every peer on its own, each
 * answer was answered back while heads differed, so ~45 sync messages circulated per edit and
 * the backlog drained far slower than it built (here ~50 s after the last edit; at 50 × 20
 * boards never converged). The server now sends each peer one message per burst.
 */
describe('twenty writers on one board', () => {
	it('converge within seconds of the last edit, with every edit present', async () => {
		const random = seededRandom(3);
		writers = await writersOnOneBoard<Board>(server, WRITERS);
		const { clients, handles } = writers;
		const taskId = Object.keys(handles[0]!.doc().tasks)[0] as string;
		let received = 0;
		for (const c of clients) c.repo.networkSubsystem.on('message', () => received++);

		await Promise.all(
			handles.map(async (h, w) => {
				for (let n = 0; n < EDITS_EACH; n++) {
					await new Promise((r) => setTimeout(r, random.int(100, 300)));
					h.change((d) => {
						const at = random.chance(0.5) ? 0 : (d.tasks[taskId]?.notes.length ?? 0);
						A.splice(d, ['tasks', taskId, 'notes'], at, 0, `<w${w}:${n}>`);
					});
				}
			})
		);
		const stopped = performance.now();
		await waitFor(writers.converged, 'every writer to hold every edit', 20_000);
		const settleMs = performance.now() - stopped;

		const notes = handles[0]!.doc().tasks[taskId]?.notes ?? '';
		for (let w = 0; w < WRITERS; w++) {
			for (let n = 0; n < EDITS_EACH; n++) expect(notes).toContain(`<w${w}:${n}>`);
		}
		// Before the fix this timed out (no convergence in 45 s); after: ~1.3 s, ~1.6 messages per edit.
		expect(settleMs).toBeLessThan(10_000);
		expect(received / (WRITERS * EDITS_EACH)).toBeLessThan(2 * WRITERS);
		expect(server.logs.filter((l) => l.includes('closing socket'))).toEqual([]);
	}, 45_000);
});
