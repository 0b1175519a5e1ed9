import * as A from '@automerge/automerge';
import { generateAutomergeUrl, parseAutomergeUrl } from '@automerge/automerge-repo';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BOARD_SCHEMA_VERSION, type Board } from '../../src/lib/domain/board';
import { readServerBoard, SYSTEM_AUTHOR } from '../../server/automerge/serverChange';
import { createMemoryClusterBus } from '../../server/cluster/createMemoryClusterBus';
import { boardClient } from '../helpers/automergeClient';
import {
	startBoardInstance,
	withBoardStoreLatency,
	type BoardInstance
} from '../helpers/boardInstances';
import { startTestServer, waitFor, type TestServer } from '../helpers/server';

let server: TestServer;
let a: BoardInstance;
let b: BoardInstance;
beforeAll(async () => {
	server = await startTestServer();
	const hub = createMemoryClusterBus();
	// With a database's round trips, both instances read the v1 board before either stores
	// its migration (in-process SQLite answers at once, and one would simply go first).
	const stores = withBoardStoreLatency(server.services.stores, 20);
	a = await startBoardInstance(server, hub.connect('a'), stores);
	b = await startBoardInstance(server, hub.connect('b'), stores);
});
afterAll(async () => {
	await a.close();
	await b.close();
	await server.close();
});

/** A board as schema v1 wrote it (issue 1), stored as the seed would have. */
async function storeV1Board(): Promise<string> {
	const id = parseAutomergeUrl(generateAutomergeUrl()).documentId;
	const doc = A.from({
		schemaVersion: 1,
		title: '旧看板',
		pledge: { goal: '目标', measures: '措施', owner: '王书记', deadline: '2027-01-31' },
		tasks: {
			't-a': {
				id: 't-a',
				title: '协商',
				status: 'done',
				owner: '业委会',
				due: '',
				notes: '',
				rank: 1,
				createdAt: 1
			},
			't-b': {
				id: 't-b',
				title: '走访',
				status: 'todo',
				owner: '张三',
				due: '',
				notes: '',
				rank: 1,
				createdAt: 1
			}
		}
	});
	const { stores } = server.services;
	await stores.documents.register({
		id,
		kind: 'board',
		communityId: 'c-a',
		title: '旧看板',
		schemaVersion: 1,
		createdBy: 'u-secretary'
	});
	const changes = A.getAllChanges(doc).map((bytes) => ({
		hash: A.decodeChange(bytes).hash,
		bytes
	}));
	await stores.automerge.appendChanges(id, changes, 'system:seed');
	return id;
}

describe('a v1 board opened on two instances at once', () => {
	it('is migrated by one change, so both instances write into the same containers', async () => {
		const id = await storeV1Board();
		const { stores } = server.services;
		const [onA, onB] = await Promise.all([
			readServerBoard<Board>({ stores, automerge: a.automerge }, id),
			readServerBoard<Board>({ stores, automerge: b.automerge }, id)
		]);
		expect(onA.schemaVersion).toBe(BOARD_SCHEMA_VERSION);
		expect(onB.schemaVersion).toBe(BOARD_SCHEMA_VERSION);
		const migrations = (await stores.automerge.recorded(id)).filter(
			(r) => r.userId === SYSTEM_AUTHOR.migration
		);
		expect(migrations).toHaveLength(1);
		expect(A.getHeads(onA)).toEqual(A.getHeads(onB));

		// A list the migration made, written through B, is the list A shows.
		const client = await boardClient(b, 'secretary');
		try {
			const handle = await client.find<Board>(id);
			handle.change((d) => {
				d.pledge.fundingSources.push('区财政');
			});
			await waitFor(async () => {
				const board = await readServerBoard<Board>({ stores, automerge: a.automerge }, id);
				return board.pledge.fundingSources.includes('区财政');
			}, 'the write through B on A');
		} finally {
			await client.close();
		}
	});
});
