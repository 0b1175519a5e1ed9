import type { MeetingState } from '../../src/lib/domain/meetings';
import type { Committee } from '../../src/lib/domain/roles';

/** A joint meeting's server row. `agendaId` is its current agenda revision's document. */
export interface MeetingRecord {
	id: string;
	communityId: string;
	title: string;
	/** When it starts, epoch milliseconds (entered and shown as Beijing time). */
	startsAt: number;
	place: string;
	/** Attending committees, in the joint office's order. */
	committees: Committee[];
	/** Other parties: local units, social organisations (free text). */
	otherParties: string[];
	state: MeetingState;
	agendaId: string;
	createdBy: string;
	createdAt: number;
	updatedAt: number;
}

/** One state move, with its author and the server's time. Append-only. */
export interface MeetingMove {
	id: number;
	meetingId: string;
	from: MeetingState | null;
	to: MeetingState;
	reason: string | null;
	authorId: string;
	at: number;
}

/**
 * One agenda document of a meeting. Revision 1 is made with the meeting; a correction adds the
 * next, seeded from the one before (`basedOn`), which stays as it was, read-only.
 */
export interface AgendaRevision {
	meetingId: string;
	revision: number;
	agendaId: string;
	basedOn: string | null;
	reason: string | null;
	createdBy: string;
	createdAt: number;
}

/**
 * "This committee agrees": one per committee, revision and item (`itemId` null: the minutes as a
 * whole; per-item signatures come with the agenda-item node). Withdrawn by the signer only, and
 * only before minuting; a withdrawn signature stays on record.
 */
export interface MeetingSignature {
	id: number;
	meetingId: string;
	revision: number;
	committee: Committee;
	itemId: string | null;
	signerId: string;
	signedAt: number;
	withdrawnAt: number | null;
}

export type MeetingDetails = Pick<
	MeetingRecord,
	'title' | 'startsAt' | 'place' | 'committees' | 'otherParties'
>;

/**
 * Meetings, their moves, agenda revisions and committee signatures. Moves are append-only in the
 * database itself; signatures are never deleted and only ever gain a withdrawal time.
 */
export interface MeetingStore {
	/** The meeting (state draft), its first agenda revision and its creation move, in one step. */
	create(meeting: MeetingRecord): Promise<void>;
	get(id: string): Promise<MeetingRecord | null>;
	/** A community's meetings, latest start first. */
	inCommunity(communityId: string): Promise<MeetingRecord[]>;
	/** The meeting an agenda document belongs to, and which revision it is; null if none. */
	byAgenda(agendaId: string): Promise<{ meeting: MeetingRecord; revision: number } | null>;
	/** Changes title, time, place and attendance; false (nothing written) once not in `states`. */
	edit(
		id: string,
		details: MeetingDetails,
		states: readonly MeetingState[],
		at: number
	): Promise<boolean>;
	/**
	 * Moves the state from `from` to `to` and records the move, in one step; false (nothing
	 * written) when the state is no longer `from` — two requests racing move it once.
	 */
	move(
		id: string,
		from: MeetingState,
		to: MeetingState,
		by: { reason: string | null; authorId: string; at: number }
	): Promise<boolean>;
	moves(id: string): Promise<MeetingMove[]>;
	/**
	 * Opens a correction: adds the next revision (its agenda document already registered), makes
	 * it current and moves minuted → correcting, in one step; false if the meeting is not minuted
	 * or that revision number is taken.
	 */
	correct(revision: AgendaRevision, by: { reason: string; at: number }): Promise<boolean>;
	revisions(id: string): Promise<AgendaRevision[]>;
	/** Adds a signature; false when that committee already signed that revision and item. */
	sign(signature: Omit<MeetingSignature, 'id' | 'withdrawnAt'>): Promise<number | null>;
	/** Withdraws a signature made by `signerId` that is not withdrawn yet; false otherwise. */
	withdraw(meetingId: string, signatureId: number, signerId: string, at: number): Promise<boolean>;
	/** Every signature of a meeting, withdrawn ones included, in the order made. */
	signatures(id: string): Promise<MeetingSignature[]>;
}
