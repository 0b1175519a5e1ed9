/**
 * What reading an incoming sync message's changes costs the server (server/automerge/
 * incomingChanges.ts: parseChangeChunks + changesNewTo), before anything is stored: a phone's
 * 1,000 offline changes on a 200-task board (Automerge sends them as one document chunk) and
 * 300 single changes as live editing sends them. Median of five runs each, in this process.
 *
 *   node --import tsx bench/boards/incomingCost.ts
 */
import * as A from '@automerge/automerge';
import { changesNewTo, parseChangeChunks } from '../../server/automerge/incomingChanges';
import type { Board } from '../../src/lib/domain/board';
import { seededRandom } from '../../tests/helpers/seededRandom';
import { changeBoardOffline } from './offlineEdits';
import { ascending, quantile } from './procStats';
import { makeBoard } from './seedBoards';

const base = A.load<Board>(makeBoard(200, 0, 11).saved);
const server = A.clone(base);

/** The sync message a peer holding `doc` sends once it knows the server has `base`. */
function messageFrom(doc: A.Doc<Board>): Uint8Array {
	const [start, first] = A.generateSyncMessage(doc, A.initSyncState());
	let peer = start;
	const [, state] = A.receiveSyncMessage(A.clone(base), A.initSyncState(), first as Uint8Array);
	const [, reply] = A.generateSyncMessage(base, state);
	[, peer] = A.receiveSyncMessage(doc, peer, reply as Uint8Array);
	const [, message] = A.generateSyncMessage(doc, peer);
	return message as Uint8Array;
}

const offline = messageFrom(changeBoardOffline(A.clone(base), 1000, seededRandom(1), 'A'));
let live = A.clone(base);
const singles: Uint8Array[] = [];
for (let n = 0; n < 300; n++) {
	live = A.change(live, (d) => A.splice(d, ['tasks', 't-1', 'notes'], 0, 0, `<${n}>`));
	singles.push(A.getLastLocalChange(live) as Uint8Array);
}

const read = (changes: Uint8Array[]) => changesNewTo(server, parseChangeChunks(changes)).length;
const median5 = (run: () => number) => {
	const times = Array.from({ length: 5 }, () => {
		const t0 = performance.now();
		run();
		return performance.now() - t0;
	});
	return Math.round(quantile(ascending(times), 0.5) * 100) / 100;
};
console.log(
	JSON.stringify({
		offline1000Ms: median5(() => read(A.decodeSyncMessage(offline).changes)),
		fresh: read(A.decodeSyncMessage(offline).changes),
		singleChangeUs: Math.round((median5(() => singles.map((c) => read([c])).length) * 1000) / 300)
	})
);
