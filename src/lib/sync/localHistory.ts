import { Automerge } from '@automerge/automerge-repo/slim';
import type { LocalHistory } from './historyCheck';

/**
 * Reads a local board copy's history against the server's heads. Import it dynamically after
 * the board is open: it uses the Automerge wasm BoardSession has initialised.
 */
export function localHistory(doc: Automerge.Doc<unknown>, serverHeads: string[]): LocalHistory {
	const hashes = Automerge.getChangesMetaSince(doc, []).map((m) => m.hash);
	const hasServerHeads = Automerge.hasHeads(doc, serverHeads);
	const unsynced = hasServerHeads
		? Automerge.getChangesMetaSince(doc, serverHeads).map((m) => m.hash)
		: [];
	return { hashes, hasServerHeads, unsynced };
}
