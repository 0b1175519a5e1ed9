import { createHash } from 'node:crypto';
import type { Board, ProjectCategory, ProjectLevel } from '../../src/lib/domain/board';
import type { PledgeSnapshot, ProjectStage } from '../../src/lib/domain/projects';
import { readServerBoard, type ServerChangeDeps } from '../automerge/serverChange';
import type { EvaluationService } from '../evaluation/EvaluationService';
import { SheetBusyError, type SheetWorker } from '../files/sheets/SheetWorker';
import type { Stores } from '../storage/Stores';
import { publicPledgeZh } from '../../src/lib/i18n/zh-CN/publicPledge';
import { findPdfFont, type PdfFont } from './pdfFont';
import { publicEvaluation, type PublicEvaluation } from './publicEvaluation';

export interface PublicProjectsDeps extends ServerChangeDeps {
	stores: Stores;
	evaluation: Pick<EvaluationService, 'rectifications' | 'resultOf'>;
	/** The worker thread that makes the PDF (seconds of fontkit work stay off the event loop). */
	sheets: Pick<SheetWorker, 'pledgeSheet'>;
	now(): number;
}

/** Sheets kept rendered (under 400 KB each, most about 100 KB). */
const MAX_KEPT_SHEETS = 32;

export type PledgeSheetResult =
	| { ok: true; pdf: Uint8Array<ArrayBuffer>; ms: number }
	| { ok: false; reason: 'no_font' | 'busy'; message: string };

/** One published revision, as the public sees it: no author id, only what was promised. */
export interface PublicRevision {
	revision: number;
	at: number;
	reason: string | null;
	deadline: string;
}

export interface PublicProgressEntry {
	date: string;
	text: string;
	/** Server file ids; shown through /files/<id>. */
	photoIds: string[];
}

/**
 * Everything the public page of a project shows, and nothing else: built field by field from
 * server records (the published pledge, never the board's draft) so that a new field on a record
 * cannot leak by accident. No user ids, no task notes, no individual votes.
 */
export interface PublicProject {
	boardId: string;
	title: string;
	level: ProjectLevel;
	category: ProjectCategory;
	unitName: string;
	communityId: string;
	communityName: string;
	stage: ProjectStage;
	/** The latest published revision's pledge. */
	pledge: PledgeSnapshot;
	/** Oldest first; the last one is `pledge`. */
	revisions: PublicRevision[];
	progress: PublicProgressEntry[];
	evaluation: PublicEvaluation;
}

export interface PublicListing {
	boardId: string;
	title: string;
	level: ProjectLevel;
	category: ProjectCategory;
	stage: ProjectStage;
	deadline: string;
	publishedAt: number;
}

export interface PublicCommunity {
	communityId: string;
	name: string;
	projects: PublicListing[];
}

// Photo ids go into a URL path: anything but these characters is not an id we made.
const FILE_ID = /^[A-Za-z0-9_-]{1,64}$/;
const DATE = /^\d{4}-\d{2}-\d{2}$/;
const MAX_ENTRY_TEXT = 5000;

/**
 * The public pledge (亮诺): what anyone may read, without logging in, about a published project.
 * A project at `topic` (not published, or moved back before publication) is absent, exactly like
 * an unknown id.
 */
export class PublicProjects {
	/**
	 * Rendered sheets by board, each with the key of what it printed (see `sheet`): the render
	 * in flight or done, shared by every request for the same content.
	 */
	#sheets = new Map<string, { key: string; pdf: Promise<Uint8Array<ArrayBuffer>> }>();
	#rendered = 0;

	constructor(private readonly deps: PublicProjectsDeps) {}

	/** Sheets rendered since start (not counting those served from a render already made). */
	get sheetsRendered() {
		return this.#rendered;
	}

	async view(boardId: string): Promise<PublicProject | null> {
		const { stores } = this.deps;
		const found = await this.#published(boardId);
		if (!found) return null;
		const { project, title, revisions } = found;
		const [unit, community, board] = await Promise.all([
			stores.org.unit(project.unitId),
			stores.org.unit(project.communityId),
			readServerBoard<Board>(this.deps, boardId)
		]);
		const last = revisions.at(-1)!;
		return {
			boardId,
			title,
			level: project.level,
			category: project.category,
			unitName: unit?.name ?? community?.name ?? '',
			communityId: project.communityId,
			communityName: community?.name ?? '',
			stage: project.stage,
			pledge: {
				goal: last.snapshot.goal,
				measures: last.snapshot.measures,
				responsible: [...last.snapshot.responsible],
				deadline: last.snapshot.deadline,
				budget: last.snapshot.budget,
				fundingSources: [...last.snapshot.fundingSources]
			},
			revisions: revisions.map((r) => ({
				revision: r.revision,
				at: r.at,
				reason: r.reason,
				deadline: r.snapshot.deadline
			})),
			progress: progressOf(board),
			evaluation: await publicEvaluation(this.deps, boardId)
		};
	}

	/** A community's published projects (its public noticeboard); null for no such community. */
	async community(communityId: string): Promise<PublicCommunity | null> {
		const { stores } = this.deps;
		const unit = await stores.org.unit(communityId);
		if (unit?.kind !== 'community') return null;
		const out: PublicListing[] = [];
		for (const p of await stores.projects.inCommunities([communityId])) {
			const found = await this.#published(p.boardId);
			if (!found) continue;
			const last = found.revisions.at(-1)!;
			out.push({
				boardId: p.boardId,
				title: found.title,
				level: p.level,
				category: p.category,
				stage: p.stage,
				deadline: last.snapshot.deadline,
				publishedAt: found.revisions[0]!.at
			});
		}
		out.sort((a, b) => b.publishedAt - a.publishedAt || a.boardId.localeCompare(b.boardId));
		return { communityId, name: unit.name, projects: out };
	}

	/** The printable pledge sheet; null for a project the public may not see. */
	async sheet(boardId: string, pageUrl: string): Promise<PledgeSheetResult | null> {
		const view = await this.view(boardId);
		if (!view) return null;
		const noFont = {
			ok: false,
			reason: 'no_font',
			message: publicPledgeZh.publicPledge.sheet.noFont
		} as const;
		// Read on each request, so an operator's GONGZHI_PDF_FONT takes effect without a restart.
		const font = findPdfFont();
		if (!font) return noFont;
		const started = performance.now();
		try {
			const pdf = await this.#render(boardId, view, pageUrl, font);
			return { ok: true, pdf, ms: performance.now() - started };
		} catch (e) {
			// The error's class does not cross the thread: its name does.
			if (e instanceof Error && e.name === 'PdfFontError') return noFont;
			// The worker's queue is full (staff imports and exports share it): try again soon.
			if (e instanceof SheetBusyError) {
				return { ok: false, reason: 'busy', message: publicPledgeZh.publicPledge.sheet.busy };
			}
			throw e;
		}
	}

	/**
	 * The sheet for `view`, rendered once per content. The page is public and a render takes the
	 * sheet worker hundreds of milliseconds, in the one queue that staff imports and exports use
	 * too: a notice's QR code scanned by a crowd, or anyone asking in a loop, must not fill that
	 * queue (20 requests at once used to overflow it). The key covers everything printed, so a
	 * changed pledge, stage or evaluation is rendered afresh; a failed render is not kept.
	 */
	#render(
		boardId: string,
		view: PublicProject,
		pageUrl: string,
		font: PdfFont
	): Promise<Uint8Array<ArrayBuffer>> {
		const key = createHash('sha256')
			.update(JSON.stringify([view, pageUrl, font]))
			.digest('hex');
		const kept = this.#sheets.get(boardId);
		if (kept?.key === key) {
			// Most recently used last: the map's first entry is the one to drop.
			this.#sheets.delete(boardId);
			this.#sheets.set(boardId, kept);
			return kept.pdf;
		}
		this.#rendered++;
		const entry = { key, pdf: this.deps.sheets.pledgeSheet(view, pageUrl, font) };
		this.#sheets.set(boardId, entry);
		entry.pdf.catch(() => {
			if (this.#sheets.get(boardId) === entry) this.#sheets.delete(boardId);
		});
		for (const oldest of this.#sheets.keys()) {
			if (this.#sheets.size <= MAX_KEPT_SHEETS) break;
			this.#sheets.delete(oldest);
		}
		return entry.pdf;
	}

	/** The project, its title and its revisions, if it is published; else null. */
	async #published(boardId: string) {
		const { stores } = this.deps;
		const [project, doc] = await Promise.all([
			stores.projects.get(boardId),
			stores.documents.get(boardId)
		]);
		if (!project || doc?.kind !== 'board' || project.stage === 'topic') return null;
		const revisions = await stores.projects.revisions(boardId);
		if (revisions.length === 0) return null;
		// The registry's title: set when the project was made, not a field any writer may retype.
		return { project, title: doc.title, revisions };
	}
}

/**
 * The progress log from the server's copy of the board, newest day first. Board content is
 * whatever clients wrote: anything that is not the expected shape is left out, never rendered raw.
 */
function progressOf(board: Board): PublicProgressEntry[] {
	const entries = Object.values((board.progress ?? {}) as Record<string, unknown>);
	const out: (PublicProgressEntry & { createdAt: number })[] = [];
	for (const raw of entries) {
		if (!raw || typeof raw !== 'object') continue;
		const e = raw as Record<string, unknown>;
		const date = typeof e.date === 'string' && DATE.test(e.date) ? e.date : '';
		const text = typeof e.text === 'string' ? e.text.trim().slice(0, MAX_ENTRY_TEXT) : '';
		const photoIds = Array.isArray(e.photoIds)
			? e.photoIds.filter((id): id is string => typeof id === 'string' && FILE_ID.test(id))
			: [];
		if (!text && photoIds.length === 0) continue;
		const createdAt = typeof e.createdAt === 'number' ? e.createdAt : 0;
		// Deduplicated: the page keys photos by id.
		out.push({ date, text, photoIds: [...new Set(photoIds)].slice(0, 12), createdAt });
	}
	out.sort((a, b) => b.date.localeCompare(a.date) || b.createdAt - a.createdAt);
	return out.map(({ date, text, photoIds }) => ({ date, text, photoIds }));
}
