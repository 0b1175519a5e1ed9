import {
	committeesOf,
	DETAILS_EDITABLE,
	meetingAgendaLevel,
	MOVE_ACTION,
	NEXT_STATE,
	SIGNABLE,
	type ForwardState
} from '../../src/lib/domain/meetings';
import { canDoWithMeetings } from '../../src/lib/domain/policy';
import type { Committee, Role } from '../../src/lib/domain/roles';
import type {
	AgendaRevision,
	MeetingMove,
	MeetingRecord,
	MeetingSignature
} from '../storage/MeetingStore';
import type { Stores } from '../storage/Stores';

/** What the meeting page shows one viewer: server records and what this viewer may do next. */
export interface MeetingView {
	meeting: MeetingRecord;
	moves: MeetingMove[];
	revisions: AgendaRevision[];
	/** Every signature, withdrawn ones included (a withdrawal stays on record). */
	signatures: MeetingSignature[];
	/** Display names of everyone who moved, revised or signed. */
	names: Record<string, string>;
	/** The forward move this viewer may make now (minuted → correcting is `mayCorrect`). */
	next: ForwardState | null;
	mayCorrect: boolean;
	/** The viewer may still change the details (the secretary, before the session). */
	mayEdit: boolean;
	/** Committees this viewer may sign for right now (their own, attending, not yet signed). */
	signFor: Committee[];
	/** The viewer's access to the current agenda revision. */
	agendaLevel: 'write' | 'read';
}

export async function meetingView(
	stores: Stores,
	meeting: MeetingRecord,
	roles: Set<Role>
): Promise<MeetingView> {
	const [moves, revisions, signatures] = await Promise.all([
		stores.meetings.moves(meeting.id),
		stores.meetings.revisions(meeting.id),
		stores.meetings.signatures(meeting.id)
	]);
	const ids = new Set([
		...moves.map((m) => m.authorId),
		...revisions.map((r) => r.createdBy),
		...signatures.map((s) => s.signerId)
	]);
	const names: Record<string, string> = {};
	for (const id of ids) {
		const u = await stores.users.byId(id);
		if (u) names[id] = u.displayName;
	}
	const forward = NEXT_STATE[meeting.state];
	const next =
		forward !== 'correcting' &&
		forward !== 'draft' &&
		canDoWithMeetings(MOVE_ACTION[forward], roles)
			? forward
			: null;
	const current = revisions.at(-1)?.revision ?? 1;
	const standing = new Set(
		signatures
			.filter((s) => s.revision === current && s.withdrawnAt === null && s.itemId === null)
			.map((s) => s.committee)
	);
	const signFor =
		SIGNABLE.includes(meeting.state) && canDoWithMeetings('sign', roles)
			? committeesOf(roles).filter((c) => meeting.committees.includes(c) && !standing.has(c))
			: [];
	const level = meetingAgendaLevel(meeting.state, true, roles);
	return {
		meeting,
		moves,
		revisions,
		signatures,
		names,
		next,
		mayCorrect: meeting.state === 'minuted' && canDoWithMeetings('correct', roles),
		mayEdit: DETAILS_EDITABLE.includes(meeting.state) && canDoWithMeetings('edit_details', roles),
		signFor,
		agendaLevel: level === 'write' ? 'write' : 'read'
	};
}
