import type { Board, BoardPledge } from './board';

/**
 * Secretary projects (书记项目): the stages and the gates between them. A project's stage is a
 * server record, never a board field; a move is a request the server checks here against its
 * OWN copy of the board, so no edit or merge of the document can skip a gate.
 *
 * 承诺定题 topic → 亮诺明责 pledge (the pledge is published) → 践诺履职 delivery →
 * 评诺提升 evaluation → closed. Forward one stage at a time; back one stage with a reason.
 */
export const PROJECT_STAGES = ['topic', 'pledge', 'delivery', 'evaluation', 'closed'] as const;
export type ProjectStage = (typeof PROJECT_STAGES)[number];

/** The four stages the district's model names (closed is the end, not a step). */
export const PROGRESS_STAGES = ['topic', 'pledge', 'delivery', 'evaluation'] as const;

export type GateCode =
	| 'goal'
	| 'measures'
	| 'responsible'
	| 'deadline'
	| 'tasks_open'
	| 'waived_without_reason'
	| 'rectification_open'
	| 'reason_required'
	| 'not_next';

/** An unmet gate; `count` says how many things stand in the way where that is a number. */
export interface Gate {
	code: GateCode;
	count?: number;
}

/** What the server knows beside the board: its stage, and what evaluation still has open. */
export interface ProjectRecords {
	stage: ProjectStage;
	/** Open rectification items (fed by the evaluation records). */
	openRectifications: number;
}

/** The pledge as published: what a revision keeps. Strings trimmed, empty list entries dropped. */
export type PledgeSnapshot = {
	goal: string;
	measures: string;
	responsible: string[];
	deadline: string;
	budget: string;
	fundingSources: string[];
};

export function isProjectStage(value: unknown): value is ProjectStage {
	return typeof value === 'string' && (PROJECT_STAGES as readonly string[]).includes(value);
}

export function stageIndex(stage: ProjectStage): number {
	return PROJECT_STAGES.indexOf(stage);
}

export type MoveKind = 'forward' | 'back' | 'invalid';

/** Forward is the next stage only; back is the previous stage only. */
export function moveKind(from: ProjectStage, to: ProjectStage): MoveKind {
	const d = stageIndex(to) - stageIndex(from);
	return d === 1 ? 'forward' : d === -1 ? 'back' : 'invalid';
}

/** The stages a project at `stage` may be asked to move to. */
export function movesFrom(stage: ProjectStage): {
	forward: ProjectStage | null;
	back: ProjectStage | null;
} {
	const i = stageIndex(stage);
	return { forward: PROJECT_STAGES[i + 1] ?? null, back: i > 0 ? PROJECT_STAGES[i - 1]! : null };
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;

function validDate(value: string): boolean {
	if (!DATE.test(value)) return false;
	const d = new Date(`${value}T00:00:00Z`);
	return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === value;
}

const text = (v: unknown) => (typeof v === 'string' ? v.trim() : '');
const texts = (v: unknown) => (Array.isArray(v) ? v.map(text).filter((s) => s.length > 0) : []);

/** The pledge of a board as a revision would keep it; tolerant of a malformed document. */
export function pledgeSnapshot(pledge: Partial<BoardPledge> | undefined): PledgeSnapshot {
	const p = (pledge ?? {}) as Record<string, unknown>;
	return {
		goal: text(p.goal),
		measures: text(p.measures),
		responsible: texts(p.responsible),
		deadline: text(p.deadline),
		budget: text(p.budget),
		fundingSources: texts(p.fundingSources)
	};
}

export function samePledge(a: PledgeSnapshot, b: PledgeSnapshot): boolean {
	return JSON.stringify(pledgeSnapshot(a)) === JSON.stringify(pledgeSnapshot(b));
}

/** What a pledge lacks before it may be published. */
export function pledgeGates(pledge: PledgeSnapshot): Gate[] {
	const out: Gate[] = [];
	if (!pledge.goal) out.push({ code: 'goal' });
	if (!pledge.measures) out.push({ code: 'measures' });
	if (pledge.responsible.length === 0) out.push({ code: 'responsible' });
	if (!validDate(pledge.deadline)) out.push({ code: 'deadline' });
	return out;
}

/**
 * The unmet gates for moving a project at `records.stage` to `target`, read from the server's
 * copy of the board. An empty list means the move may happen.
 */
export function gatesFor(
	target: ProjectStage,
	board: Pick<Board, 'pledge' | 'tasks'>,
	records: ProjectRecords,
	move: { reason?: string } = {}
): Gate[] {
	const kind = moveKind(records.stage, target);
	if (kind === 'invalid') return [{ code: 'not_next' }];
	if (kind === 'back') return text(move.reason) ? [] : [{ code: 'reason_required' }];
	switch (target) {
		case 'pledge':
			return pledgeGates(pledgeSnapshot(board.pledge));
		case 'evaluation':
			return taskGates(board);
		case 'closed':
			return records.openRectifications > 0
				? [{ code: 'rectification_open', count: records.openRectifications }]
				: [];
		default:
			return [];
	}
}

/** Every task done, or waived with a reason. */
function taskGates(board: Pick<Board, 'tasks'>): Gate[] {
	const tasks = Object.values(board.tasks ?? {});
	const open = tasks.filter((t) => t.status !== 'done' && t.status !== 'waived').length;
	const unexplained = tasks.filter((t) => t.status === 'waived' && !text(t.waivedReason)).length;
	const out: Gate[] = [];
	if (open > 0) out.push({ code: 'tasks_open', count: open });
	if (unexplained > 0) out.push({ code: 'waived_without_reason', count: unexplained });
	return out;
}
