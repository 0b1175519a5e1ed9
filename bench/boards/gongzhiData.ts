import * as Y from 'yjs';
import { configFromEnv } from '../../server/config';
import { seedDemoIfEmpty } from '../../server/demo/seedDemo';
import { createServices } from '../../server/services';
import type { Stores } from '../../server/storage/Stores';
import { AGENDA_SCHEMA_VERSION } from '../../src/lib/domain/agenda';
import { BOARD_SCHEMA_VERSION } from '../../src/lib/domain/board';
import { tempDataDir } from '../../tests/helpers/server';
import type { SeedBoard } from './seedBoards';

/**
 * Seeds the demo district into a fresh data directory in this process, lets `add` store more
 * (boards, agendas), and closes it again: the server process then starts on a ready database.
 */
export async function prepareGongzhiData(add: (stores: Stores) => Promise<void>): Promise<string> {
	const dataDir = tempDataDir();
	const services = createServices({ ...configFromEnv({}), dataDir, log: () => {} });
	await seedDemoIfEmpty(services);
	await add(services.stores);
	await services.close();
	return dataDir;
}

/**
 * Registers `boards` in community c-a with their whole history recorded as the secretary's.
 * `compacted`: stored as compaction leaves a long-lived board (one saved document), not as one
 * row per change.
 */
export async function storeBoards(
	stores: Stores,
	boards: readonly SeedBoard[],
	opts: { compacted?: boolean } = {}
) {
	for (const [n, b] of boards.entries()) {
		await stores.documents.register({
			id: b.id,
			kind: 'board',
			communityId: 'c-a',
			createdBy: 'u-secretary',
			title: `bench ${n}`,
			schemaVersion: BOARD_SCHEMA_VERSION
		});
		await stores.automerge.appendChanges(b.id, b.changes, 'u-secretary');
		if (opts.compacted)
			await stores.automerge.compact(b.id, b.saved, await stores.automerge.lastSeq(b.id));
	}
}

/**
 * Registers an agenda in community c-a whose stored state is `doc` (one row, as compaction
 * leaves a document), its client ids bound to the secretary.
 */
export async function storeAgenda(stores: Stores, id: string, doc: Y.Doc) {
	await stores.documents.register({
		id,
		kind: 'agenda',
		communityId: 'c-a',
		createdBy: 'u-secretary',
		title: `bench ${id}`,
		schemaVersion: AGENDA_SCHEMA_VERSION
	});
	for (const clientId of Y.decodeStateVector(Y.encodeStateVector(doc)).keys())
		await stores.yjs.bindClient(id, clientId, 'u-secretary');
	await stores.yjs.append(id, Y.encodeStateAsUpdate(doc), 'u-secretary');
}
