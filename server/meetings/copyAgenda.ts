import * as Y from 'yjs';
import type { YjsUpdateStore } from '../storage/YjsUpdateStore';

/**
 * Seeds a new agenda document with another's full state, as one update the server encoded
 * itself (stored rows were validated when they were written; they are applied, never merged).
 * Each client id keeps its owner: authorship carries over, and nobody can later write under a
 * client id that was someone else's in the old revision.
 */
export async function copyAgenda(
	store: YjsUpdateStore,
	fromId: string,
	toId: string,
	userId: string
): Promise<void> {
	const [{ updates }, owners] = await Promise.all([store.load(fromId), store.clientOwners(fromId)]);
	const doc = new Y.Doc();
	try {
		for (const update of updates) Y.applyUpdate(doc, update);
		for (const [clientId, owner] of owners) await store.bindClient(toId, clientId, owner);
		await store.append(toId, Y.encodeStateAsUpdate(doc), userId);
	} finally {
		doc.destroy();
	}
}
