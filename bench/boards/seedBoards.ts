import * as A from '@automerge/automerge';
import { generateAutomergeUrl, parseAutomergeUrl } from '@automerge/automerge-repo';
import { newBoard, type NewBoardTask } from '../../server/automerge/newBoard';
import { DEMO_BOARD } from '../../server/demo/demoDistrict';
import type { Board } from '../../src/lib/domain/board';
import { seededRandom } from '../../tests/helpers/seededRandom';

/** A board both servers start from: the same history, as changes (Gongzhi) and saved (the peer). */
export interface SeedBoard {
	id: string;
	changes: { hash: string; bytes: Uint8Array }[];
	saved: Uint8Array;
	taskIds: string[];
	doc: A.Doc<Board>;
}

const OWNERS = ['committee:residents_committee', 'committee:owners_committee', 'user:u-secretary'];
const STATUSES = ['todo', 'doing', 'done'] as const;

/**
 * A board in the app's shape with `tasks` tasks (two checklist items each), then `history` more
 * changes of the kinds people make (notes typed, a status moved, a checklist item ticked), one
 * change each, so loading it replays a real-sized history.
 */
export function makeBoard(tasks: number, history = 0, seed = 1): SeedBoard {
	const random = seededRandom(seed);
	const taskList: NewBoardTask[] = Array.from({ length: tasks }, (_, i) => ({
		id: `t-${i}`,
		title: `第${i + 1}项任务：楼栋走访与设施检查`,
		status: random.pick(STATUSES),
		owner: random.pick(OWNERS),
		due: `2027-0${1 + (i % 9)}-1${i % 10}`,
		notes: '',
		checklist: [
			{ text: '现场查看', done: false },
			{ text: '记录问题并上报', done: false }
		]
	}));
	let { doc } = newBoard({ ...DEMO_BOARD, title: `基准看板 ${seed}`, tasks: taskList });
	const taskIds = taskList.map((t) => t.id);
	for (let n = 0; n < history; n++) {
		const id = random.pick(taskIds);
		const kind = random.int(0, 9);
		doc = A.change(doc, (d) => {
			const task = d.tasks[id];
			if (!task) return;
			if (kind < 7) A.splice(d, ['tasks', id, 'notes'], task.notes.length, 0, `进展${n}；`);
			else if (kind < 9) task.status = random.pick(STATUSES);
			else {
				const item = task.checklist[`${id}-c1`];
				if (item) item.done = !item.done;
			}
		});
	}
	const changes = A.getAllChanges(doc).map((bytes) => ({
		hash: A.decodeChange(bytes).hash,
		bytes
	}));
	return {
		id: parseAutomergeUrl(generateAutomergeUrl()).documentId,
		changes,
		saved: A.save(doc),
		taskIds,
		doc
	};
}

/** The same board (same history) under a fresh document id. */
export function underNewId(board: SeedBoard): SeedBoard {
	return { ...board, id: parseAutomergeUrl(generateAutomergeUrl()).documentId };
}
