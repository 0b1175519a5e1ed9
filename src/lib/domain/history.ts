import type { BoardPledge } from './board';

/**
 * A board's history as people read it: what each accepted change did, in words, with the author
 * and time the SERVER recorded when it accepted the change. Automerge's actor ids and change
 * timestamps are chosen by clients and are never shown as who or when.
 *
 * Lines are data, not sentences, so both languages render them (see historyLineText.ts).
 */
export type PledgeField = keyof BoardPledge;
export type BoardField = 'title' | 'level' | 'category' | 'unitId' | 'problemIds' | 'schemaVersion';
export type TaskField = 'title' | 'status' | 'owner' | 'due' | 'notes' | 'waivedReason';
export type ProgressField = 'date' | 'text' | 'photoIds';
export type ChecklistChange = 'added' | 'removed' | 'done' | 'undone' | 'edited';

export type HistoryLine =
	| { kind: 'created'; title: string }
	| { kind: 'board'; field: BoardField; from: string; to: string }
	| { kind: 'pledge'; field: PledgeField; from: string; to: string }
	| { kind: 'task_added'; task: string; title: string }
	| { kind: 'task_removed'; task: string; title: string }
	| { kind: 'task'; task: string; title: string; field: TaskField; from: string; to: string }
	| {
			kind: 'checklist';
			task: string;
			title: string;
			item: string;
			text: string;
			change: ChecklistChange;
	  }
	| { kind: 'progress_added'; entry: string; date: string; text: string }
	| { kind: 'progress_removed'; entry: string; date: string; text: string }
	| {
			kind: 'progress';
			entry: string;
			date: string;
			field: ProgressField;
			from: string;
			to: string;
	  }
	/** A change with nothing a reader would name (ordering, an internal timestamp). */
	| { kind: 'other' };

/** One accepted change, with the server's record of it (null: the server has none). */
export interface HistoryEntry {
	hash: string;
	authorId: string | null;
	at: number | null;
	lines: HistoryLine[];
}

/** Consecutive changes of one author close in time, read as one step. */
export interface HistoryGroup {
	authorId: string | null;
	from: number | null;
	to: number | null;
	/** The change hashes, oldest first; the last one is where "the board as it was" opens. */
	hashes: string[];
	lines: HistoryLine[];
	/** Touches the pledge: shown highlighted (a moved deadline must be seen by everyone). */
	pledge: boolean;
}

/** How far apart two changes of one author may be and still read as one step. */
export const GROUP_WITHIN_MS = 60_000;
/** Texts in lines are cut to this many characters (the board itself holds the whole text). */
export const LINE_TEXT_MAX = 120;

export function clip(text: string): string {
	const chars = [...text];
	return chars.length > LINE_TEXT_MAX ? chars.slice(0, LINE_TEXT_MAX).join('') + '…' : text;
}

/**
 * Groups entries (oldest first) into steps: same recorded author, each change within a minute of
 * the one before. Unrecorded entries (no author) never group with anything. Within a step, edits
 * of the same field read as one edit from the first value to the last, and an edit that ends
 * where it started disappears (typing then deleting is not news).
 */
export function groupHistory(entries: readonly HistoryEntry[]): HistoryGroup[] {
	const groups: HistoryGroup[] = [];
	for (const e of entries) {
		const last = groups.at(-1);
		const joins =
			last &&
			e.authorId !== null &&
			last.authorId === e.authorId &&
			e.at !== null &&
			last.to !== null &&
			e.at - last.to <= GROUP_WITHIN_MS;
		if (joins) {
			last.hashes.push(e.hash);
			last.to = e.at;
			last.lines.push(...e.lines);
		} else {
			groups.push({
				authorId: e.authorId,
				from: e.at,
				to: e.at,
				hashes: [e.hash],
				lines: [...e.lines],
				pledge: false
			});
		}
	}
	for (const g of groups) {
		g.lines = mergeLines(g.lines);
		g.pledge = g.lines.some((l) => l.kind === 'pledge');
	}
	return groups;
}

/** The identity of what a line is about, for merging edits of the same thing. */
function lineKey(l: HistoryLine): string | null {
	switch (l.kind) {
		case 'board':
		case 'pledge':
			return `${l.kind}:${l.field}`;
		case 'task':
			return `task:${l.task}:${l.field}`;
		case 'progress':
			return `progress:${l.entry}:${l.field}`;
		default:
			return null;
	}
}

function mergeLines(lines: readonly HistoryLine[]): HistoryLine[] {
	const out: HistoryLine[] = [];
	const byKey = new Map<string, HistoryLine & { from: string; to: string }>();
	for (const l of lines) {
		// A task added in this step: later renames in the same step only update its title.
		if (l.kind === 'task' && l.field === 'title') {
			const added = out.find((o) => o.kind === 'task_added' && o.task === l.task);
			if (added && added.kind === 'task_added') {
				added.title = l.to;
				continue;
			}
		}
		const key = lineKey(l);
		const seen = key ? byKey.get(key) : undefined;
		if (seen && 'to' in l) {
			seen.to = l.to;
			continue;
		}
		const copy = { ...l };
		out.push(copy);
		if (key && 'from' in copy) byKey.set(key, copy);
	}
	const kept = out.filter((l) => l.kind !== 'other' && (!('from' in l) || l.from !== l.to));
	// A step that only reordered things still says something happened.
	return kept.length === 0 && lines.length > 0 ? [{ kind: 'other' }] : kept;
}
