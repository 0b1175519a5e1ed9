import { Automerge, decodeHeads, type UrlHeads } from '@automerge/automerge-repo/slim';

/**
 * Does the server's state include every local change? True when each local head is one of the
 * server's heads or an ancestor of the server heads we also hold. Server heads we do not hold
 * yet are changes of others still on their way to us: they say nothing about ours.
 */
export function headsCovered(doc: Automerge.Doc<unknown>, local: UrlHeads, server: UrlHeads) {
	const serverSet = new Set<string>(server);
	if (local.every((h) => serverSet.has(h))) return true;
	const known = decodeHeads(server).filter((h) => Automerge.hasHeads(doc, [h]));
	if (known.length === 0) return false;
	return Automerge.getChangesSince(doc, known).length === 0;
}
