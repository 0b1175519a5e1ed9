// Relative imports: unit tests load this file without SvelteKit's `$lib` alias.
import { isTaskStatus, ownerOf } from '../../domain/board';
import type { HistoryLine } from '../../domain/history';
import type { Messages } from '../../i18n/zh-CN';

/** Display names of users, by id (from the server). */
export type Names = Record<string, string>;

/** Who a recorded author is, in words: a person's name, the system, or nobody on record. */
export function authorText(authorId: string | null, t: Messages, names: Names): string {
	if (authorId === null) return t.history.unrecorded;
	if (authorId.startsWith('system:')) return t.history.systemAuthors[authorId] ?? t.history.system;
	return names[authorId] ?? t.history.unknownAuthor;
}

/** One line of the timeline as a sentence (the author is shown beside it). */
export function lineText(line: HistoryLine, t: Messages, names: Names): string {
	const h = t.history;
	const l = h.lines;
	switch (line.kind) {
		case 'created':
			return l.created(line.title);
		case 'board':
			return edit(
				t,
				h.fields[line.field],
				shownBoard(line.field, line.from, t),
				shownBoard(line.field, line.to, t)
			);
		case 'pledge':
			return edit(t, h.fields[line.field], line.from, line.to);
		case 'task_added':
			return l.taskAdded(line.title);
		case 'task_removed':
			return l.taskRemoved(line.title);
		case 'task': {
			if (line.field === 'status')
				return l.taskMoved(line.title, status(line.from, t), status(line.to, t));
			const field = l.taskField(line.title, h.taskFields[line.field]);
			if (line.field === 'owner')
				return edit(t, field, ownerText(line.from, t, names), ownerText(line.to, t, names));
			return edit(t, field, line.from, line.to);
		}
		case 'checklist':
			return l.checklist[line.change](line.title, line.text);
		case 'progress_added':
			return l.progressAdded(line.date, line.text);
		case 'progress_removed':
			return l.progressRemoved(line.date, line.text);
		case 'progress': {
			const field = l.progressField(line.date, h.progressFields[line.field]);
			if (line.field === 'photoIds')
				return edit(t, field, photos(line.from, t), photos(line.to, t));
			return edit(t, field, line.from, line.to);
		}
		case 'other':
			return l.other;
	}
}

/** "set", "cleared" or "changed from … to …", so an empty value never reads as "from (empty)". */
function edit(t: Messages, field: string, from: string, to: string): string {
	const l = t.history.lines;
	if (!from) return l.set(field, to || t.history.empty);
	if (!to) return l.cleared(field, from);
	return l.changed(field, from, to);
}

function shownBoard(field: string, value: string, t: Messages): string {
	const p = t.projects;
	if (field === 'level' && value in p.levels) return p.levels[value as keyof typeof p.levels];
	if (field === 'category' && value in p.categories)
		return p.categories[value as keyof typeof p.categories];
	if (field === 'problemIds') return value ? p.problems(value.split('、').length) : '';
	return value;
}

function status(value: string, t: Messages): string {
	return isTaskStatus(value) ? t.board.columns[value] : value;
}

/** A task owner reference (`user:…` or `committee:…`) in words. */
export function ownerText(ref: string, t: Messages, names: Names): string {
	const o = ownerOf(ref);
	if (!o) return ref;
	if (o.kind === 'committee') return t.projects.committees[o.committee];
	return names[o.userId] ?? t.history.unknownAuthor;
}

function photos(value: string, t: Messages): string {
	return value ? t.projects.photos(value.split('、').length) : '';
}
