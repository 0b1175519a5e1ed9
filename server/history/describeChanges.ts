import * as A from '@automerge/automerge';
import {
	clip,
	type BoardField,
	type ChecklistChange,
	type HistoryLine,
	type PledgeField,
	type ProgressField,
	type TaskField
} from '../../src/lib/domain/history';

const PLEDGE_FIELDS: readonly PledgeField[] = [
	'goal',
	'measures',
	'responsible',
	'deadline',
	'budget',
	'fundingSources'
];
const BOARD_FIELDS: readonly BoardField[] = [
	'title',
	'level',
	'category',
	'unitId',
	'problemIds',
	'schemaVersion'
];
const TASK_FIELDS: readonly TaskField[] = [
	'title',
	'status',
	'owner',
	'due',
	'notes',
	'waivedReason'
];
const PROGRESS_FIELDS: readonly ProgressField[] = ['date', 'text', 'photoIds'];

/**
 * A board as the history reads it. Anything may be missing or of the wrong type: a writer can
 * put anything in the document, and the history must still be shown.
 */
type Loose = Record<string, unknown>;

/**
 * What each change of `doc` did, by change hash: the history is replayed one change at a time,
 * in Automerge's causal order, and each change's patches are read against the board just before
 * and just after it. So a line says what the change did to the board as it then stood (a write
 * that lost to a concurrent one says only that details changed).
 */
export function describeChanges(doc: A.Doc<unknown>): Map<string, HistoryLine[]> {
	const out = new Map<string, HistoryLine[]>();
	let replay = A.init<Loose>();
	for (const bytes of A.getAllChanges(doc)) {
		const { hash, deps } = A.decodeChange(bytes);
		let lines: HistoryLine[] = [{ kind: 'other' }];
		[replay] = A.applyChanges(replay, [bytes], {
			patchCallback: (patches, { before, after }) => {
				lines =
					deps.length === 0
						? [{ kind: 'created', title: show(after.title) }]
						: describePatches(patches, before, after);
			}
		});
		out.set(hash, lines);
	}
	return out;
}

/** Which fields and entities a change's lines already cover (patches repeat paths). */
class Seen {
	#keys = new Set<string>();
	has(key: string) {
		return this.#keys.has(key);
	}
	/** True the first time a key is asked for. */
	first(key: string) {
		if (this.#keys.has(key)) return false;
		this.#keys.add(key);
		return true;
	}
}

/** The lines for one change's patches; fields are compared before/after, once each. */
export function describePatches(
	patches: readonly A.Patch[],
	before: Loose,
	after: Loose
): HistoryLine[] {
	const lines: HistoryLine[] = [];
	const seen = new Seen();
	for (const { path } of patches) {
		const [top, id, field, sub] = path;
		if (top === 'pledge') {
			const fields = id === undefined ? PLEDGE_FIELDS : PLEDGE_FIELDS.filter((f) => f === id);
			for (const f of fields) {
				if (!seen.first(`pledge:${f}`)) continue;
				const from = show(obj(before.pledge)[f]);
				const to = show(obj(after.pledge)[f]);
				lines.push({ kind: 'pledge', field: f, from, to });
			}
		} else if (top === 'tasks' && typeof id === 'string') {
			lines.push(...taskLines(id, field, sub, before, after, seen));
		} else if (top === 'progress' && typeof id === 'string') {
			lines.push(...progressLines(id, field, before, after, seen));
		} else if (isOneOf(BOARD_FIELDS, top) && seen.first(top)) {
			lines.push({ kind: 'board', field: top, from: show(before[top]), to: show(after[top]) });
		}
	}
	const said = lines.filter((l) => !('from' in l) || l.from !== l.to);
	return said.length > 0 ? said : [{ kind: 'other' }];
}

function taskLines(
	id: string,
	field: A.Prop | undefined,
	sub: A.Prop | undefined,
	before: Loose,
	after: Loose,
	seen: Seen
): HistoryLine[] {
	const was = obj(before.tasks)[id];
	const now = obj(after.tasks)[id];
	const whole = `task:${id}`;
	if (seen.has(whole)) return [];
	if (was === undefined || now === undefined) {
		seen.first(whole);
		if (was === undefined && now === undefined) return [];
		const title = show(obj(now ?? was).title);
		return [{ kind: was === undefined ? 'task_added' : 'task_removed', task: id, title }];
	}
	const title = show(obj(now).title);
	if (field === undefined) {
		// The whole task object replaced: say which fields differ.
		return TASK_FIELDS.flatMap((f) => taskLines(id, f, undefined, before, after, seen));
	}
	if (field === 'checklist') return checklistLines(id, title, sub, obj(was), obj(now), seen);
	if (!isOneOf(TASK_FIELDS, field) || !seen.first(`${whole}:${field}`)) return [];
	const from = show(obj(was)[field]);
	const to = show(obj(now)[field]);
	return [{ kind: 'task', task: id, title, field, from, to }];
}

function checklistLines(
	task: string,
	title: string,
	item: A.Prop | undefined,
	was: Loose,
	now: Loose,
	seen: Seen
): HistoryLine[] {
	const before = obj(was.checklist);
	const after = obj(now.checklist);
	const ids =
		typeof item === 'string'
			? [item]
			: [...new Set([...Object.keys(before), ...Object.keys(after)])];
	const out: HistoryLine[] = [];
	for (const i of ids) {
		if (!seen.first(`check:${task}:${i}`)) continue;
		const b = before[i] === undefined ? null : obj(before[i]);
		const a = after[i] === undefined ? null : obj(after[i]);
		const change = checklistChange(b, a);
		if (change) {
			const text = show((a ?? b)?.text);
			out.push({ kind: 'checklist', task, title, item: i, text, change });
		}
	}
	return out;
}

function checklistChange(b: Loose | null, a: Loose | null): ChecklistChange | null {
	if (!b) return a ? 'added' : null;
	if (!a) return 'removed';
	if (b.done !== a.done) return a.done === true ? 'done' : 'undone';
	return b.text !== a.text ? 'edited' : null;
}

function progressLines(
	id: string,
	field: A.Prop | undefined,
	before: Loose,
	after: Loose,
	seen: Seen
): HistoryLine[] {
	const was = obj(before.progress)[id];
	const now = obj(after.progress)[id];
	const whole = `progress:${id}`;
	if (seen.has(whole)) return [];
	if (was === undefined || now === undefined) {
		seen.first(whole);
		if (was === undefined && now === undefined) return [];
		const e = obj(now ?? was);
		const kind = was === undefined ? 'progress_added' : 'progress_removed';
		return [{ kind, entry: id, date: show(e.date), text: show(e.text) }];
	}
	const fields = field === undefined ? PROGRESS_FIELDS : PROGRESS_FIELDS.filter((f) => f === field);
	const date = show(obj(now).date);
	return fields
		.filter((f) => seen.first(`${whole}:${f}`))
		.map((f) => ({
			kind: 'progress' as const,
			entry: id,
			date,
			field: f,
			from: show(obj(was)[f]),
			to: show(obj(now)[f])
		}));
}

/** A value as a line shows it: text clipped, lists joined, anything else empty. */
function show(value: unknown): string {
	if (typeof value === 'string') return clip(value);
	if (typeof value === 'number' || typeof value === 'boolean') return String(value);
	if (Array.isArray(value)) return clip(value.map((v) => show(v)).join('、'));
	return '';
}

function obj(value: unknown): Loose {
	return value !== null && typeof value === 'object' && !Array.isArray(value)
		? (value as Loose)
		: {};
}

function isOneOf<T extends string>(list: readonly T[], value: unknown): value is T {
	return typeof value === 'string' && (list as readonly string[]).includes(value);
}
