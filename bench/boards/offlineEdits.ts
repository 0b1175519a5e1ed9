import * as A from '@automerge/automerge';
import * as Y from 'yjs';
import { AGENDA_FRAGMENT } from '../../src/lib/domain/agenda';
import type { Board } from '../../src/lib/domain/board';
import type { SeededRandom } from '../../tests/helpers/seededRandom';

const TYPED = '物业业委会居委会协商停车电梯维修资金公示进度走访老人';

/** Every text node in the agenda (headings, paragraphs, list items). */
function texts(doc: Y.Doc): Y.XmlText[] {
	const out: Y.XmlText[] = [];
	const walk = (node: Y.XmlElement | Y.XmlFragment) => {
		for (const child of node.toArray()) {
			if (child instanceof Y.XmlText) out.push(child);
			else if (child instanceof Y.XmlElement) walk(child);
		}
	};
	walk(doc.getXmlFragment(AGENDA_FRAGMENT));
	return out;
}

/**
 * `k` edits as a person makes them offline: one keystroke per transaction, typed in runs at a
 * caret that jumps to another block every ~20 keys, one in ten a backspace.
 */
export function typeOffline(doc: Y.Doc, k: number, random: SeededRandom) {
	const nodes = texts(doc);
	let node = random.pick(nodes);
	let caret = random.int(0, node.length);
	for (let n = 0; n < k; n++) {
		if (n % 20 === 0) {
			node = random.pick(nodes);
			caret = random.int(0, node.length);
		}
		const target = node;
		if (caret > 0 && random.chance(0.1)) {
			doc.transact(() => target.delete(caret - 1, 1));
			caret--;
		} else {
			const ch = TYPED[random.int(0, TYPED.length - 1)] as string;
			doc.transact(() => target.insert(caret, ch));
			caret++;
		}
	}
}

/**
 * `k` board changes made offline, one change each, of the kinds people make: notes typed
 * (most), a status moved, a checklist item ticked.
 */
export function changeBoardOffline(
	doc: A.Doc<Board>,
	k: number,
	random: SeededRandom,
	side: string
): A.Doc<Board> {
	const ids = Object.keys(doc.tasks);
	let out = doc;
	for (let n = 0; n < k; n++) {
		const id = random.pick(ids);
		const kind = random.int(0, 9);
		out = A.change(out, (d) => {
			const task = d.tasks[id];
			if (!task) return;
			if (kind < 7) A.splice(d, ['tasks', id, 'notes'], task.notes.length, 0, `${side}${n}；`);
			else if (kind < 9) task.status = task.status === 'done' ? 'doing' : 'done';
			else {
				const item = task.checklist[`${id}-c1`];
				if (item) item.done = !item.done;
			}
		});
	}
	return out;
}
