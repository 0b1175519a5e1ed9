import { COMMITTEES, isCommittee, type Committee, type Role } from './roles';
import { canDoWithMeetings, type AccessLevel } from './policy';

/**
 * Joint meetings (多委联合办公会): the meeting's state is a server record, moved one step at a
 * time by the secretary. `correcting` is the state a minuted meeting enters when the secretary
 * opens a correction: a new agenda revision (the old one stays read-only) that is minuted again.
 */
export const MEETING_STATES = [
	'draft',
	'published',
	'in_session',
	'minuted',
	'correcting'
] as const;
export type MeetingState = (typeof MEETING_STATES)[number];

export function isMeetingState(value: unknown): value is MeetingState {
	return typeof value === 'string' && (MEETING_STATES as readonly string[]).includes(value);
}

/** The one state each state may move to: no skipping, no way back except a correction. */
export const NEXT_STATE: Record<MeetingState, MeetingState> = {
	draft: 'published',
	published: 'in_session',
	in_session: 'minuted',
	minuted: 'correcting',
	correcting: 'minuted'
};

/** The MEETING_POLICY action a move into each state needs. */
export const MOVE_ACTION = {
	published: 'publish',
	in_session: 'start',
	minuted: 'minute',
	correcting: 'correct'
} as const satisfies Record<Exclude<MeetingState, 'draft'>, string>;

/** A state one of the secretary's forward buttons moves to (a correction has its own form). */
export type ForwardState = Exclude<keyof typeof MOVE_ACTION, 'correcting'>;

/** States in which the current agenda revision takes edits; minuted means read-only for all. */
export const AGENDA_EDITABLE: readonly MeetingState[] = [
	'draft',
	'published',
	'in_session',
	'correcting'
];

/** States in which the secretary may still change title, time, place and attendance. */
export const DETAILS_EDITABLE: readonly MeetingState[] = ['draft', 'published'];

/**
 * States in which a committee may sign (or withdraw its signature): while the decisions are
 * being made and before they are minuted. A minuted signature can no longer be withdrawn.
 */
export const SIGNABLE: readonly MeetingState[] = ['in_session', 'correcting'];

/**
 * A user's access to one agenda document of a meeting, from the meeting's state and their roles:
 * a draft is for the secretary and the committees only; the current revision is editable by
 * those who edit agendas while the state allows it; every other revision, and a minuted meeting,
 * is read-only for everyone.
 */
export function meetingAgendaLevel(
	state: MeetingState,
	isCurrentRevision: boolean,
	roles: Iterable<Role>
): AccessLevel {
	const held = [...roles];
	const readable =
		state === 'draft' ? canDoWithMeetings('read_draft', held) : canDoWithMeetings('read', held);
	if (!readable) return 'none';
	if (
		isCurrentRevision &&
		AGENDA_EDITABLE.includes(state) &&
		canDoWithMeetings('edit_agenda', held)
	)
		return 'write';
	return 'read';
}

/** Whether the meeting itself (its details, moves, signatures) is visible to these roles. */
export function canSeeMeeting(state: MeetingState, roles: Iterable<Role>): boolean {
	return meetingAgendaLevel(state, false, roles) !== 'none';
}

/** The committees these roles sign for: a person signs only for a committee they belong to. */
export function committeesOf(roles: Iterable<Role>): Committee[] {
	const held = new Set(roles);
	return COMMITTEES.filter((c) => held.has(c));
}

export const MAX_MEETING_TITLE = 60;
export const MAX_PLACE = 60;
export const MAX_PARTY = 40;
export const MAX_PARTIES = 12;
export const MAX_REASON = 500;

/** Meeting ids are server-made; anything else in a URL is refused before a lookup. */
export const MEETING_ID_PATTERN = /^mt-[0-9a-f-]{36}$/;

export function isMeetingId(value: string): boolean {
	return MEETING_ID_PATTERN.test(value);
}

/** China has kept one offset all year since 1991: Asia/Shanghai is UTC+8. */
const SHANGHAI_OFFSET_MS = 8 * 3600_000;

/**
 * `YYYY-MM-DD` and `HH:MM` read as Beijing time → epoch milliseconds, or null for anything that
 * is not a real date and time (2026-02-30 is refused, not rolled over).
 */
export function beijingToEpoch(date: string, time: string): number | null {
	const d = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
	const t = /^(\d{2}):(\d{2})$/.exec(time);
	if (!d || !t) return null;
	const [y, mo, da, h, mi] = [d[1], d[2], d[3], t[1], t[2]].map(Number) as [
		number,
		number,
		number,
		number,
		number
	];
	if (h > 23 || mi > 59) return null;
	const utc = Date.UTC(y, mo - 1, da, h, mi);
	const check = new Date(utc);
	if (check.getUTCFullYear() !== y || check.getUTCMonth() !== mo - 1 || check.getUTCDate() !== da)
		return null;
	return utc - SHANGHAI_OFFSET_MS;
}

/** Epoch milliseconds → the Beijing date and time, as the form fields hold them. */
export function epochToBeijing(at: number): { date: string; time: string } {
	const iso = new Date(at + SHANGHAI_OFFSET_MS).toISOString();
	return { date: iso.slice(0, 10), time: iso.slice(11, 16) };
}

/** The attending committees from a form's values, in the joint office's order; null if unknown. */
export function parseCommittees(values: readonly unknown[]): Committee[] | null {
	if (!values.every(isCommittee)) return null;
	return COMMITTEES.filter((c) => values.includes(c));
}

/** Other parties, one per line (local units, social organisations): trimmed, deduplicated. */
export function parseParties(text: string): string[] | null {
	const parties = [
		...new Set(
			text
				.split(/[\n,，、;；]/)
				.map((p) => p.trim())
				.filter(Boolean)
		)
	];
	if (parties.length > MAX_PARTIES || parties.some((p) => [...p].length > MAX_PARTY)) return null;
	return parties;
}
