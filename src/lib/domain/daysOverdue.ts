import type { BoardTask } from './board';
import type { ProjectStage } from './projects';

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const DAY_MS = 86_400_000;

/** Whole days since the Unix epoch of a real calendar date "YYYY-MM-DD", else null. */
function dayNumber(date: string): number | null {
	const m = DATE.exec(date);
	if (!m) return null;
	const ms = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
	// Date.UTC rolls 2026-02-30 over to March: such a date is not a date.
	return new Date(ms).toISOString().slice(0, 10) === date ? ms / DAY_MS : null;
}

/**
 * How many days `due` lies before `today` (both "YYYY-MM-DD", today in Beijing as the caller
 * reads it): 0 when it is today or later, or when either is not a real date. The due day itself
 * still counts as in time — "已逾期 1 天" starts the morning after.
 */
export function daysOverdue(due: string, today: string): number {
	const d = dayNumber(due);
	const t = dayNumber(today);
	return d === null || t === null ? 0 : Math.max(0, t - d);
}

/** Days a task is late: only a task still to do (todo or doing) can be. */
export function taskOverdue(task: Pick<BoardTask, 'status' | 'due'>, today: string): number {
	return task.status === 'todo' || task.status === 'doing' ? daysOverdue(task.due, today) : 0;
}

/**
 * Days the pledge's deadline is past. The stage is the server's record: a closed project has
 * kept or answered for its pledge and is not shown as late any more.
 */
export function pledgeOverdue(deadline: string, stage: ProjectStage, today: string): number {
	return stage === 'closed' ? 0 : daysOverdue(deadline, today);
}
