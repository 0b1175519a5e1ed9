import type { MeetingState } from '../../../src/lib/domain/meetings';
import type { Committee } from '../../../src/lib/domain/roles';
import type { AgendaRevision, MeetingMove, MeetingRecord, MeetingSignature } from '../MeetingStore';

/** Row shapes and row → record mappers, shared by the SQLite and PostgreSQL stores: both
 * engines store the same columns, so a record reads back the same from either. */
export interface MeetingRow {
	id: string;
	community_id: string;
	title: string;
	starts_at: number;
	place: string;
	committees: string;
	other_parties: string;
	state: string;
	agenda_id: string;
	created_by: string;
	created_at: number;
	updated_at: number;
}

export interface RevisionRow {
	meeting_id: string;
	revision: number;
	agenda_id: string;
	based_on: string | null;
	reason: string | null;
	created_by: string;
	created_at: number;
}

export interface SignatureRow {
	id: number;
	meeting_id: string;
	revision: number;
	committee: string;
	item_id: string | null;
	signer_id: string;
	signed_at: number;
	withdrawn_at: number | null;
}

export const toMeeting = (r: MeetingRow): MeetingRecord => ({
	id: r.id,
	communityId: r.community_id,
	title: r.title,
	startsAt: r.starts_at,
	place: r.place,
	committees: JSON.parse(r.committees) as Committee[],
	otherParties: JSON.parse(r.other_parties) as string[],
	state: r.state as MeetingState,
	agendaId: r.agenda_id,
	createdBy: r.created_by,
	createdAt: r.created_at,
	updatedAt: r.updated_at
});

export const toRevision = (r: RevisionRow): AgendaRevision => ({
	meetingId: r.meeting_id,
	revision: r.revision,
	agendaId: r.agenda_id,
	basedOn: r.based_on,
	reason: r.reason,
	createdBy: r.created_by,
	createdAt: r.created_at
});

export const toSignature = (r: SignatureRow): MeetingSignature => ({
	id: r.id,
	meetingId: r.meeting_id,
	revision: r.revision,
	committee: r.committee as Committee,
	itemId: r.item_id,
	signerId: r.signer_id,
	signedAt: r.signed_at,
	withdrawnAt: r.withdrawn_at
});

export interface MoveRow {
	id: number;
	meeting_id: string;
	from_state: string | null;
	to_state: string;
	reason: string | null;
	author_id: string;
	at: number;
}

export const toMove = (r: MoveRow): MeetingMove => ({
	id: r.id,
	meetingId: r.meeting_id,
	from: r.from_state as MeetingState | null,
	to: r.to_state as MeetingState,
	reason: r.reason,
	authorId: r.author_id,
	at: r.at
});
