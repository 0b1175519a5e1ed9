import * as Y from 'yjs';

export interface UpdateSummary {
	/** Client ids of every struct the update creates (deletions may name anyone's structs). */
	clientIds: Set<number>;
	/** No structs and no deletions: nothing worth storing. */
	empty: boolean;
}

/**
 * Decodes an untrusted V1 update without applying it. `Y.decodeUpdate` throws cleanly on
 * malformed bytes; the V2 decoders and `mergeUpdates*` are never used on client bytes because a
 * crafted V2 update can hang them (yjs issue 687). Throws on anything undecodable.
 */
export function inspectUpdate(update: Uint8Array): UpdateSummary {
	const { structs, ds } = Y.decodeUpdate(update);
	const clientIds = new Set<number>();
	for (const struct of structs) clientIds.add(struct.id.client);
	let deletions = 0;
	for (const items of ds.clients.values()) deletions += items.length;
	return { clientIds, empty: structs.length === 0 && deletions === 0 };
}
