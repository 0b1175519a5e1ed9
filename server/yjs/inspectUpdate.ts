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
	/** Some struct goes beyond what `known` covers. */
	hasNewStructs: boolean;
	/** The deletions it carries, as ranges. */
	deletions: { client: number; clock: number; len: number }[];
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
	const deletions: UpdateSummary['deletions'] = [];
	for (const [client, items] of ds.clients) {
		for (const item of items) deletions.push({ client, clock: item.clock, len: item.len });
	}
	return {
		clientIds,
		empty: structs.length === 0 && deletions.length === 0,
		hasNewStructs: clientIds.size > 0,
		deletions
	};
}
