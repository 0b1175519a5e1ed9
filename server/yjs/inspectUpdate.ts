import * as Y from 'yjs';

export interface UpdateSummary {
	/**
	 * Client ids of the structs the update creates that `known` does not already cover (deletions
	 * may name anyone's structs). Structs the server already has are not the sender's claim: a
	 * client re-sends other users' edits in every sync step 2 whose state vector is older than
	 * what it has since received (a reply to a delayed or repeated step 1, pending structs).
	 */
	clientIds: Set<number>;
	/** No structs and no deletions: nothing worth storing. */
	empty: boolean;
}

/**
 * Decodes an untrusted V1 update without applying it. `Y.decodeUpdate` throws cleanly on
 * malformed bytes; the V2 decoders and `mergeUpdates*` are never used on client bytes because a
 * crafted V2 update can hang them (yjs issue 687). Throws on anything undecodable. `known(client)` is the
 * next clock the server expects from that client (its state vector).
 */
export function inspectUpdate(
	update: Uint8Array,
	known: (clientId: number) => number = () => 0
): UpdateSummary {
	const { structs, ds } = Y.decodeUpdate(update);
	const clientIds = new Set<number>();
	for (const struct of structs) {
		if (struct.id.clock + struct.length > known(struct.id.client)) clientIds.add(struct.id.client);
	}
	let deletions = 0;
	for (const items of ds.clients.values()) deletions += items.length;
	return { clientIds, empty: structs.length === 0 && deletions === 0 };
}
