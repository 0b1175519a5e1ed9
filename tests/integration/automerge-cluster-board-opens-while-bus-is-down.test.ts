import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Board } from '../../src/lib/domain/board';
import type { ClusterBus } from '../../server/cluster/ClusterBus';
import { createMemoryClusterBus } from '../../server/cluster/createMemoryClusterBus';
import { boardClient } from '../helpers/automergeClient';
import { startBoardInstance, type BoardInstance } from '../helpers/boardInstances';
import { startTestServer, waitFor, type TestServer } from '../helpers/server';

let server: TestServer;
let down: BoardInstance;

/** A bus that accepts subscriptions but never confirms them, as Redis does while unreachable. */
function unreachable(bus: ClusterBus): ClusterBus {
	return {
		instanceId: bus.instanceId,
		publish: (topic, message) => bus.publish(topic, message),
		subscribe: (topic, listener) =>
			Object.assign(bus.subscribe(topic, listener), { ready: new Promise<void>(() => {}) }),
		onResume: (listener) => bus.onResume(listener),
		close: () => bus.close()
	};
}

beforeAll(async () => {
	server = await startTestServer();
	down = await startBoardInstance(server, unreachable(createMemoryClusterBus().connect('down')));
});
afterAll(async () => {
	await down.close();
	await server.close();
});

describe('a board on an instance whose bus is down', () => {
	it('still opens for its clients, after a bounded wait, and says so', async () => {
		const client = await boardClient(down, 'secretary');
		try {
			const started = Date.now();
			const handle = await client.find<Board>(server.boardId);
			expect(handle.doc().title).toBeTruthy();
			expect(Date.now() - started).toBeLessThan(15_000);
			await waitFor(
				() => server.logs.some((l) => l.includes('opens before its relay is live')),
				'the log line'
			);
		} finally {
			await client.close();
		}
	});
});
