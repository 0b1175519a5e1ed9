import * as A from '@automerge/automerge';
import { emptyPledge, type Board } from '../../src/lib/domain/board';
import { groupHistory, type HistoryEntry, type HistoryGroup } from '../../src/lib/domain/history';
import type { AccessService } from '../access/AccessService';
import { readServerBoard, type ServerChangeDeps } from '../automerge/serverChange';
import { verifyHistory, type HistoryCheck } from '../automerge/verifyHistory';
import type { Stores } from '../storage/Stores';
import { describeChanges } from './describeChanges';

export interface BoardHistoryDeps {
	stores: Pick<Stores, 'documents' | 'automerge' | 'users'>;
	access: Pick<AccessService, 'document'>;
	automerge: ServerChangeDeps['automerge'];
}

/** A board the user may not read, or a change it does not have: one answer for both. */
export class HistoryNotFound extends Error {
	override name = 'HistoryNotFound';
}

/** One change the server accepted, as it recorded it. */
export interface RecordedChange {
	hash: string;
	authorId: string;
	at: number;
}

/**
 * The server's record, published to the board's readers: with it anyone holding a copy of the
 * board can check that its history is the one the server accepted (see historyCheck.ts).
 */
export interface PublishedRecord {
	boardId: string;
	/** The server copy's heads when the record was read: a copy that has them is comparable. */
	heads: string[];
	changes: RecordedChange[];
	/** Display names of the authors (system authors have none). */
	names: Record<string, string>;
}

export interface BoardTimeline {
	boardId: string;
	/** Newest first. */
	groups: HistoryGroup[];
	changes: number;
	/** Display names of authors and of people named as task owners. */
	names: Record<string, string>;
	/** The server's own copy against its record: anything here means the store was rewritten. */
	check: HistoryCheck;
}

export interface BoardAsItWas {
	boardId: string;
	hash: string;
	at: number;
	authorId: string;
	names: Record<string, string>;
	board: Board;
}

/**
 * A board's history for its readers: the timeline (who changed what, when — from the server's
 * record, never from Automerge's client-chosen actors and timestamps), the board as it was after
 * any recorded change, and the record itself for tamper checks.
 */
export class BoardHistory {
	constructor(private readonly deps: BoardHistoryDeps) {}

	async record(userId: string, boardId: string): Promise<PublishedRecord> {
		await this.#readable(userId, boardId);
		// The record first, then the copy: the copy then holds every recorded change (a change is
		// stored before it is applied), so a reader that has these heads must have them all.
		const recorded = await this.deps.stores.automerge.recorded(boardId);
		const doc = await readServerBoard(this.deps, boardId);
		return {
			boardId,
			heads: A.getHeads(doc),
			changes: recorded.map((r) => ({ hash: r.hash, authorId: r.userId, at: r.at })),
			names: await this.#names(recorded.map((r) => r.userId))
		};
	}

	async timeline(userId: string, boardId: string): Promise<BoardTimeline> {
		await this.#readable(userId, boardId);
		const recorded = await this.deps.stores.automerge.recorded(boardId);
		const doc = await readServerBoard(this.deps, boardId);
		const described = describeChanges(doc);
		const entries: HistoryEntry[] = [];
		for (const r of recorded) {
			const lines = described.get(r.hash);
			if (lines) entries.push({ hash: r.hash, authorId: r.userId, at: r.at, lines });
		}
		const known = new Set(recorded.map((r) => r.hash));
		// Changes nobody is on record for: listed last, without an author or a time.
		for (const [hash, lines] of described) {
			if (!known.has(hash)) entries.push({ hash, authorId: null, at: null, lines });
		}
		const groups = groupHistory(entries);
		const people = groups.flatMap((g) => [
			g.authorId ?? '',
			...g.lines.flatMap((l) =>
				l.kind === 'task' && l.field === 'owner' ? [userOf(l.from), userOf(l.to)] : []
			)
		]);
		return {
			boardId,
			groups: groups.reverse(),
			changes: described.size,
			names: await this.#names(people),
			check: await verifyHistory(this.deps.stores.automerge, boardId, doc)
		};
	}

	/**
	 * The board as the server held it right after accepting `hash`: every change recorded up to
	 * and including it (in the order the server accepted them), viewed at their heads.
	 */
	async asItWas(userId: string, boardId: string, hash: string): Promise<BoardAsItWas> {
		await this.#readable(userId, boardId);
		const recorded = await this.deps.stores.automerge.recorded(boardId);
		const at = recorded.findIndex((r) => r.hash === hash);
		if (at < 0) throw new HistoryNotFound(hash);
		const doc = await readServerBoard<Board>(this.deps, boardId);
		const deps = new Map(A.getChangesMetaSince(doc, []).map((m) => [m.hash, m.deps]));
		// A recorded change the copy lacks (a rewritten store) cannot be shown.
		if (!deps.has(hash)) throw new HistoryNotFound(hash);
		const upto = recorded.slice(0, at + 1).filter((r) => deps.has(r.hash));
		const covered = new Set(upto.flatMap((r) => deps.get(r.hash) ?? []));
		const heads = upto.map((r) => r.hash).filter((h) => !covered.has(h));
		const entry = recorded[at]!;
		const board = shownBoard(A.toJS(A.view(doc, heads)));
		const owners = Object.values(board.tasks).map((t) => userOf(String(t.owner)));
		return {
			boardId,
			hash,
			at: entry.at,
			authorId: entry.userId,
			names: await this.#names([entry.userId, ...owners]),
			board
		};
	}

	async #readable(userId: string, boardId: string) {
		const found = await this.deps.access.document(userId, boardId);
		if (!found || found.doc.kind !== 'board') throw new HistoryNotFound(boardId);
		return found.doc;
	}

	/** Display names of real users; `system:…` authors and unknown ids are left to the page. */
	async #names(ids: readonly string[]): Promise<Record<string, string>> {
		const out: Record<string, string> = {};
		for (const id of new Set(ids)) {
			if (!id || id.startsWith('system:')) continue;
			const user = await this.deps.stores.users.byId(id);
			if (user) out[id] = user.displayName;
		}
		return out;
	}
}

/**
 * A past board with every container there, so the page can show it: a board from before a
 * schema migration (or one a writer spoiled) may lack some.
 */
function shownBoard(raw: Partial<Board>): Board {
	return {
		schemaVersion: raw.schemaVersion ?? 0,
		title: raw.title ?? '',
		level: raw.level ?? 'community',
		unitId: raw.unitId ?? '',
		category: raw.category ?? 'other',
		problemIds: raw.problemIds ?? [],
		pledge: { ...emptyPledge(), ...raw.pledge },
		tasks: raw.tasks ?? {},
		progress: raw.progress ?? {}
	};
}

/** The user id in an owner reference (`user:<id>`), or ''. */
function userOf(ref: string): string {
	return ref.startsWith('user:') ? ref.slice(5) : '';
}
