import * as Y from 'yjs';
import { binaryFrame } from '../sync/wsFrame';
import { syncStep2Message } from './messages';

/** A Yjs state vector naming no client: what a first visit (nothing stored locally) sends. */
export function isEmptyStateVector(stateVector: Uint8Array): boolean {
	return stateVector.byteLength === 1 && stateVector[0] === 0;
}

const EMPTY_STATE_VECTOR = new Uint8Array([0]);

/**
 * The sync step 2 for an empty state vector, encoded and framed once and sent to every first
 * visit until the document's next transaction. When a live meeting opens, most of its residents
 * are first visits, all asking for the whole document: encoding it takes 3 ms on an agenda with
 * 20,000 edits of history and 10 ms on one with 100,000. A thousand sockets each sending an
 * empty step 1 to the 20,000-edit agenda cost the server 4.0–5.0 s of CPU (upgrade, session and
 * access checks included), and 1.9 s with the answer shared.
 *
 * Every transaction drops it: edits, deletions and updates whose structs Yjs keeps pending all
 * run in one, and the step 2 carries pending structs too. (Yjs's `update` event is not enough:
 * it does not fire for an update that only adds pending structs, and listening to it makes Yjs
 * encode every transaction.) The answer is one encoded copy of the document, a fraction of the
 * memory the document itself takes; it goes with the room.
 */
export class FullStateAnswer {
	#doc: Y.Doc | null = null;
	#answer: { frame: Buffer; message: Uint8Array } | null = null;
	/** Full states encoded; answers sent again from memory are not counted. */
	encoded = 0;
	readonly #drop = () => {
		this.#answer = null;
	};

	/** The step 2 for a first visit to `doc` as it is now. */
	for(doc: Y.Doc): { frame: Buffer; message: Uint8Array } {
		if (this.#doc !== doc) {
			// The room reloaded its document from disk: the answer was the old one's.
			this.#doc?.off('afterTransaction', this.#drop);
			doc.on('afterTransaction', this.#drop);
			this.#doc = doc;
			this.#answer = null;
		}
		if (!this.#answer) {
			const message = syncStep2Message(doc, EMPTY_STATE_VECTOR);
			this.#answer = { frame: binaryFrame(message), message };
			this.encoded++;
		}
		return this.#answer;
	}
}
