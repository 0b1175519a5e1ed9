import * as A from '@automerge/automerge';
import { generateAutomergeUrl, parseAutomergeUrl } from '@automerge/automerge-repo';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BOARD_SCHEMA_VERSION, type Board } from '../../src/lib/domain/board';
import {
	applyServerChange,
	SYSTEM_AUTHOR,
	readServerBoard
} from '../../server/automerge/serverChange';
import { boardClient } from '../helpers/automergeClient';
import { startTestServer, waitFor, type TestServer } from '../helpers/server';

let server: TestServer;
beforeAll(async () => {
	server = await startTestServer();
});
afterAll(async () => {
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

describe('a v1 board', () => {
	it('is lifted to v2 by one server change when first loaded, before a client sees it', async () => {
		const id = await storeV1Board();
		const before = (await server.services.stores.automerge.load(id)).length;
		const client = await boardClient(server, 'rc-member');
		try {
			const handle = await client.find<Board>(id);
			await waitFor(() => handle.doc().schemaVersion === BOARD_SCHEMA_VERSION, 'v2 at the client');
			const board = handle.doc();
			expect(board.pledge.responsible).toEqual(['王书记']);
			expect('owner' in board.pledge).toBe(false);
			expect(board.pledge.fundingSources).toEqual([]);
			expect(board).toMatchObject({ level: 'community', unitId: 'c-a', problemIds: [] });
			expect(board.progress).toEqual({});
			expect(board.tasks['t-a']).toMatchObject({
				owner: 'committee:owners_committee',
				checklist: {},
				waivedReason: ''
			});
			// A name that is no committee stays as written.
			expect(board.tasks['t-b']?.owner).toBe('张三');
			const chunks = await server.services.stores.automerge.load(id);
			expect(chunks.length).toBe(before + 1);
			const migration = A.decodeChange(chunks[chunks.length - 1]!);
			const author = await server.services.stores.automerge.authorOf(id, migration.hash);
			expect(author?.userId).toBe(SYSTEM_AUTHOR.migration);
		} finally {
			await client.close();
		}
	});

	it('is migrated once: loading it again after an unload stores nothing more', async () => {
		const id = await storeV1Board();
		await readServerBoard<Board>(server.services, id);
		const after = (await server.services.stores.automerge.load(id)).length;
		await waitFor(() => server.services.automerge.stats().openDocuments === 0, 'the unload');
		const again = await readServerBoard<Board>(server.services, id);
		expect(again.schemaVersion).toBe(BOARD_SCHEMA_VERSION);
		expect((await server.services.stores.automerge.load(id)).length).toBe(after);
	});

	it('a board newer than the server knows is never rewritten', async () => {
		const id = await storeV1Board();
		const { stores } = server.services;
		// Bump it to a future version as a newer client would, then reload it.
		await readServerBoard<Board>(server.services, id);
		await applyServerChange<Board>(
			server.services,
			id,
			(d) => {
				d.schemaVersion = BOARD_SCHEMA_VERSION + 1;
			},
			'u-secretary'
		);
		await waitFor(() => server.services.automerge.stats().openDocuments === 0, 'the unload');
		const count = (await stores.automerge.load(id)).length;
		const doc = await readServerBoard<Board>(server.services, id);
		expect(doc.schemaVersion).toBe(BOARD_SCHEMA_VERSION + 1);
		expect((await stores.automerge.load(id)).length).toBe(count);
	});
});
