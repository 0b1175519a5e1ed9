import { randomUUID } from 'node:crypto';
import { AGENDA_SCHEMA_VERSION } from '../../src/lib/domain/agenda';
import { AGENDA_ITEM_ID } from '../../src/lib/domain/agendaItems';
import type { AuditAction } from '../../src/lib/domain/audit';
import {
	beijingToEpoch,
	canSeeMeeting,
	committeesOf,
	DETAILS_EDITABLE,
	isMeetingState,
	MAX_MEETING_TITLE,
	MAX_PLACE,
	MAX_REASON,
	MOVE_ACTION,
	NEXT_STATE,
	parseCommittees,
	parseParties,
	SIGNABLE
} from '../../src/lib/domain/meetings';
import { canDoWithMeetings, type MeetingAction } from '../../src/lib/domain/policy';
import { isCommittee, type Committee, type Role } from '../../src/lib/domain/roles';
import { meetingsZh } from '../../src/lib/i18n/zh-CN/meetings';
import type { AccessService } from '../access/AccessService';
import type { MeetingDetails, MeetingRecord } from '../storage/MeetingStore';
import type { Stores } from '../storage/Stores';
import { newAgenda } from '../yjs/newAgenda';
import { copyAgenda } from './copyAgenda';
import type { DecisionTasks } from './DecisionTasks';
import { MeetingError } from './MeetingError';
import { meetingItems, type MeetingItemView } from './meetingItems';
import { meetingView, type MeetingView } from './meetingView';
import { readServerAgenda } from './readServerAgenda';

export interface MeetingServiceDeps {
	stores: Stores;
	access: AccessService;
	now(): number;
	/** Minuted decisions → board tasks (after every minuting, a correction's included). */
	decisions: Pick<DecisionTasks, 'fromMinutes' | 'states'>;
	log(line: string): void;
}

/** The meeting page's data: the records, plus the current revision's items. */
export type MeetingPageView = MeetingView & {
	items: MeetingItemView[];
	/** Committees this viewer may sign items for now (their own, attending, while signable). */
	itemSignFor: Committee[];
};

/** What the meeting form sends; every field is checked here, nothing is trusted. */
export interface MeetingInput {
	title: unknown;
	date: unknown;
	time: unknown;
	place: unknown;
	committees: readonly unknown[];
	otherParties: unknown;
}

const text = (v: unknown) => (typeof v === 'string' ? v.trim() : '');

/** The form's details, checked; refused with the first bad field. */
function details(input: MeetingInput): MeetingDetails {
	const title = text(input.title);
	if (!title || [...title].length > MAX_MEETING_TITLE) throw new MeetingError('invalid', 'title');
	const startsAt = beijingToEpoch(text(input.date), text(input.time));
	if (startsAt === null) throw new MeetingError('invalid', 'when');
	const place = text(input.place);
	if (!place || [...place].length > MAX_PLACE) throw new MeetingError('invalid', 'place');
	const committees = parseCommittees(input.committees);
	if (!committees || committees.length === 0) throw new MeetingError('invalid', 'committees');
	const otherParties = parseParties(text(input.otherParties));
	if (!otherParties) throw new MeetingError('invalid', 'otherParties');
	return { title, startsAt, place, committees, otherParties };
}

const pick = ({ title, startsAt, place, committees, otherParties }: MeetingDetails) => ({
	title,
	startsAt,
	place,
	committees,
	otherParties
});

/**
 * Joint meetings: a server row with its state, every move, its agenda revisions (one Yjs
 * document each) and the committees' signatures. Who may do what reads MEETING_POLICY; what the
 * state allows reads meetings.ts. Minuting tells the Yjs endpoint at once, so open sockets on
 * the agenda stop writing before the request returns.
 */
export class MeetingService {
	constructor(private readonly deps: MeetingServiceDeps) {}

	/** A new meeting (draft) with its agenda document, made together. */
	async create(userId: string, communityId: string, input: MeetingInput): Promise<string> {
		const { stores } = this.deps;
		const roles = await this.#communityRoles(userId, communityId);
		if (!canDoWithMeetings('create', roles)) {
			if (canSeeMeeting('published', roles)) throw new MeetingError('forbidden', 'forbidden');
			throw new MeetingError('not_found');
		}
		const { title, startsAt, place, committees, otherParties } = details(input);
		const id = `mt-${randomUUID()}`;
		const agendaId = `ag-${randomUUID()}`;
		const now = this.deps.now();
		const seed = newAgenda([
			{ type: 'heading', text: title },
			...meetingsZh.meetings.agendaSeed.map((t) => ({ type: 'paragraph' as const, text: t }))
		]);
		await stores.transaction(async () => {
			await stores.documents.register({
				id: agendaId,
				kind: 'agenda',
				communityId,
				title,
				schemaVersion: AGENDA_SCHEMA_VERSION,
				createdBy: userId
			});
			// The seed's client id is the creator's, so nobody else can later write under it.
			await stores.yjs.bindClient(agendaId, seed.clientId, userId);
			await stores.yjs.append(agendaId, seed.update, userId);
			await stores.meetings.create({
				id,
				communityId,
				title,
				startsAt,
				place,
				committees,
				otherParties,
				state: 'draft',
				agendaId,
				createdBy: userId,
				createdAt: now,
				updatedAt: now
			});
		});
		await this.#audit(userId, 'meeting_created', id, communityId, { agendaId });
		return id;
	}

	/** Title, time, place and attendance, while the meeting is a draft or published. */
	async edit(userId: string, meetingId: string, input: MeetingInput): Promise<void> {
		const { meeting, roles } = await this.#visible(userId, meetingId);
		this.#require('edit_details', roles);
		const changed = details(input);
		if (!DETAILS_EDITABLE.includes(meeting.state)) throw new MeetingError('conflict', 'state');
		const at = this.deps.now();
		const { stores } = this.deps;
		await stores.transaction(async () => {
			if (!(await stores.meetings.edit(meetingId, changed, DETAILS_EDITABLE, at)))
				throw new MeetingError('conflict', 'state');
			// Lists and exports name the agenda after its meeting: a renamed meeting renames it.
			await stores.documents.retitle(meeting.agendaId, changed.title);
		});
		await this.#audit(userId, 'meeting_edited', meetingId, meeting.communityId, {
			before: pick(meeting),
			after: changed
		});
	}

	/** The meetings of a community this user may see (no drafts for residents), latest first. */
	async list(userId: string, communityId: string) {
		const roles = await this.#communityRoles(userId, communityId);
		if (!canSeeMeeting('published', roles)) throw new MeetingError('not_found');
		const all = await this.deps.stores.meetings.inCommunity(communityId);
		return {
			meetings: all.filter((m) => canSeeMeeting(m.state, roles)),
			canCreate: canDoWithMeetings('create', roles)
		};
	}

	async view(userId: string, meetingId: string): Promise<MeetingPageView> {
		const { meeting, roles } = await this.#visible(userId, meetingId);
		const [view, { items, names }] = await Promise.all([
			meetingView(this.deps.stores, meeting, roles),
			meetingItems(this.deps, userId, meeting)
		]);
		const itemSignFor =
			SIGNABLE.includes(meeting.state) && canDoWithMeetings('sign', roles)
				? committeesOf(roles).filter((c) => meeting.committees.includes(c))
				: [];
		return { ...view, names: { ...view.names, ...names }, items, itemSignFor };
	}

	/**
	 * One step forward: draft → published → in session → minuted (and correcting → minuted).
	 * No skipping, secretary only; minuting closes the agenda to every open socket before it
	 * returns. A correction (minuted → correcting) goes through `correct`.
	 */
	async move(userId: string, meetingId: string, target: unknown): Promise<MeetingRecord> {
		// Visibility first: an outsider's bad request gets the 404 an unknown meeting gets.
		const { meeting, roles } = await this.#visible(userId, meetingId);
		if (!isMeetingState(target) || target === 'draft' || target === 'correcting')
			throw new MeetingError('invalid', 'to');
		this.#require(MOVE_ACTION[target], roles);
		if (NEXT_STATE[meeting.state] !== target) throw new MeetingError('conflict', 'skip');
		const at = this.deps.now();
		const moved = await this.deps.stores.meetings.move(meetingId, meeting.state, target, {
			reason: null,
			authorId: userId,
			at
		});
		if (!moved) throw new MeetingError('conflict', 'conflict');
		if (target === 'minuted') await this.deps.access.documentChanged(meeting.agendaId);
		await this.#audit(userId, 'meeting_moved', meetingId, meeting.communityId, {
			from: meeting.state,
			to: target
		});
		const after = { ...meeting, state: target, updatedAt: at };
		if (target === 'minuted') await this.#decisionsToTasks(after);
		return after;
	}

	/**
	 * Opens a correction of a minuted meeting: a new agenda document seeded from the minuted
	 * one's state (authorship of its client ids carried over), which becomes current; the minuted
	 * revision stays as it was, read-only. Needs a reason.
	 */
	async correct(userId: string, meetingId: string, reason: unknown): Promise<string> {
		const { meeting, roles } = await this.#visible(userId, meetingId);
		this.#require('correct', roles);
		const why = text(reason).slice(0, MAX_REASON);
		if (!why) throw new MeetingError('invalid', 'reason');
		if (meeting.state !== 'minuted') throw new MeetingError('conflict', 'state');
		const { stores } = this.deps;
		const last = (await stores.meetings.revisions(meetingId)).at(-1);
		if (!last) throw new MeetingError('not_found');
		const agendaId = `ag-${randomUUID()}`;
		const at = this.deps.now();
		await stores.transaction(async () => {
			const old = await stores.documents.get(meeting.agendaId);
			await stores.documents.register({
				id: agendaId,
				kind: 'agenda',
				communityId: meeting.communityId,
				title: old?.title ?? meeting.title,
				schemaVersion: old?.schemaVersion ?? AGENDA_SCHEMA_VERSION,
				createdBy: userId
			});
			await copyAgenda(stores.yjs, meeting.agendaId, agendaId, userId);
			const ok = await stores.meetings.correct(
				{
					meetingId,
					revision: last.revision + 1,
					agendaId,
					basedOn: meeting.agendaId,
					reason: why,
					createdBy: userId,
					createdAt: at
				},
				{ reason: why, at }
			);
			// Thrown inside the transaction: the new document goes with it.
			if (!ok) throw new MeetingError('conflict', 'conflict');
		});
		await this.deps.access.documentChanged(meeting.agendaId);
		await this.#audit(userId, 'meeting_corrected', meetingId, meeting.communityId, {
			revision: last.revision + 1,
			agendaId,
			reason: why
		});
		return agendaId;
	}

	/**
	 * "This committee agrees" for the current revision — to the minutes as a whole, or to one
	 * item (`item`, an id in the current revision's agenda as the server holds it) — as the
	 * session's user: only a member of that committee, only for an attending committee, only
	 * while in session or correcting.
	 */
	async sign(
		userId: string,
		meetingId: string,
		committee: unknown,
		item: unknown = ''
	): Promise<number> {
		const { meeting, roles } = await this.#visible(userId, meetingId);
		if (!isCommittee(committee)) throw new MeetingError('invalid', 'committee');
		if (item !== '' && (typeof item !== 'string' || !AGENDA_ITEM_ID.test(item)))
			throw new MeetingError('invalid', 'item');
		const itemId = item === '' ? null : item;
		this.#require('sign', roles);
		if (!roles.has(committee)) throw new MeetingError('forbidden', 'not_member');
		if (!meeting.committees.includes(committee))
			throw new MeetingError('conflict', 'not_attending');
		const { stores } = this.deps;
		// Read and written in one transaction: a sign racing the minuting lands before or not at all.
		const id = await stores.transaction(async () => {
			const now = await stores.meetings.get(meetingId);
			if (!now || !SIGNABLE.includes(now.state)) throw new MeetingError('conflict', 'state');
			const revision = (await stores.meetings.revisions(meetingId)).at(-1)!.revision;
			if (itemId !== null) {
				const items = await readServerAgenda(stores.yjs, now.agendaId);
				if (!items.some((i) => i.id === itemId)) throw new MeetingError('not_found', 'item');
			}
			const made = await stores.meetings.sign({
				meetingId,
				revision,
				committee,
				itemId,
				signerId: userId,
				signedAt: this.deps.now()
			});
			if (made === null) throw new MeetingError('conflict', 'already_signed');
			return made;
		});
		await this.#audit(userId, 'meeting_signed', meetingId, meeting.communityId, {
			committee,
			...(itemId ? { itemId } : {})
		});
		return id;
	}

	/**
	 * The signer takes back their own signature (of the minutes or of an item), before minuting,
	 * while still a member of that committee; nobody else can.
	 */
	async withdraw(userId: string, meetingId: string, signatureId: unknown): Promise<void> {
		const { meeting, roles } = await this.#visible(userId, meetingId);
		const sid = typeof signatureId === 'number' ? signatureId : Number(signatureId);
		if (!Number.isSafeInteger(sid)) throw new MeetingError('invalid', 'signature');
		const { stores } = this.deps;
		const withdrawn = await stores.transaction(async () => {
			const now = await stores.meetings.get(meetingId);
			const revision = (await stores.meetings.revisions(meetingId)).at(-1)!.revision;
			const sig = (await stores.meetings.signatures(meetingId)).find((s) => s.id === sid);
			if (!sig) throw new MeetingError('not_found');
			if (sig.signerId !== userId) throw new MeetingError('forbidden', 'not_signer');
			// A signer who has left the committee no longer speaks for it, not even to withdraw.
			if (!roles.has(sig.committee)) throw new MeetingError('forbidden', 'not_member');
			if (!now || !SIGNABLE.includes(now.state) || sig.revision !== revision)
				throw new MeetingError('conflict', 'state');
			if (!(await stores.meetings.withdraw(meetingId, sid, userId, this.deps.now())))
				throw new MeetingError('conflict', 'conflict');
			return sig;
		});
		await this.#audit(userId, 'meeting_signature_withdrawn', meetingId, meeting.communityId, {
			committee: withdrawn.committee,
			...(withdrawn.itemId ? { itemId: withdrawn.itemId } : {})
		});
	}

	/**
	 * Minuting is committed before this runs: a failure here must not undo it or fail the request
	 * that made it. It is logged; the next minuting (a correction) makes what is missing.
	 */
	async #decisionsToTasks(meeting: MeetingRecord) {
		try {
			await this.deps.decisions.fromMinutes(meeting);
		} catch (error) {
			this.deps.log(`meeting ${meeting.id}: decisions to tasks failed: ${String(error)}`);
		}
	}

	/** The meeting and the user's roles in its community; not_found if they may not see it. */
	async #visible(userId: string, meetingId: string) {
		const meeting = await this.deps.stores.meetings.get(meetingId);
		if (!meeting) throw new MeetingError('not_found');
		const roles = await this.deps.access.rolesIn(userId, meeting.communityId);
		if (!canSeeMeeting(meeting.state, roles)) throw new MeetingError('not_found');
		return { meeting, roles };
	}

	async #communityRoles(userId: string, communityId: string): Promise<Set<Role>> {
		const community = await this.deps.stores.org.unit(communityId);
		if (community?.kind !== 'community') throw new MeetingError('not_found');
		return this.deps.access.rolesIn(userId, communityId);
	}

	#require(action: MeetingAction, roles: Set<Role>) {
		if (!canDoWithMeetings(action, roles)) throw new MeetingError('forbidden', 'forbidden');
	}

	async #audit(
		userId: string,
		action: AuditAction,
		meetingId: string,
		scope: string,
		detail: Record<string, unknown>
	) {
		await this.deps.stores.audit.record({
			at: this.deps.now(),
			userId,
			action,
			target: `meeting:${meetingId}`,
			scope,
			detail
		});
	}
}
