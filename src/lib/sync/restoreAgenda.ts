import * as Y from 'yjs';
// Relative, not $lib: the unit tests load this module without SvelteKit's aliases.
import { sharedBlocks } from '../domain/agendaVersions';

/**
 * Makes `target` (the agenda this client edits) hold what `source` (a saved version) holds, as
 * one local transaction with `origin`: top-level blocks both share stay where they are (so
 * comments anchored in them stay attached and concurrent edits inside them merge); the others
 * are deleted, and the version's are inserted as copies. Made by this client, the change is this
 * user's edit: it syncs, the server records who made it, and it is refused once the agenda is
 * closed. Returns how many blocks went and came.
 */
export function restoreAgenda(
	target: Y.XmlFragment,
	source: Y.XmlFragment,
	origin: unknown
): { removed: number; added: number } {
	const doc = target.doc;
	if (!doc) throw new Error('The agenda fragment is not in a document');
	const current = target.toArray();
	const wanted = source.toArray();
	const { sameA: keep, sameB: present } = sharedBlocks(current.map(key), wanted.map(key));
	let removed = 0;
	let added = 0;
	doc.transact(() => {
		// From the end, so earlier indices stay valid; what is left is the shared blocks in order.
		for (let i = current.length - 1; i >= 0; i--) {
			if (keep[i]) continue;
			target.delete(i, 1);
			removed++;
		}
		let at = 0;
		wanted.forEach((block, j) => {
			if (!present[j]) {
				const copy = copyOf(block);
				if (!copy) return;
				target.insert(at, [copy]);
				added++;
			}
			at++;
		});
	}, origin);
	return { removed, added };
}

/** A block's content as a comparable string (element name, attributes, text and marks). */
function key(block: Y.XmlElement | Y.XmlText | Y.XmlHook): string {
	return block instanceof Y.XmlElement || block instanceof Y.XmlText ? block.toJSON() : '';
}

function copyOf(block: Y.XmlElement | Y.XmlText | Y.XmlHook): Y.XmlElement | Y.XmlText | null {
	if (block instanceof Y.XmlElement || block instanceof Y.XmlText) return block.clone();
	return null;
}
