import {
	accessFor,
	canDoInCommunity,
	DISTRICT_POLICY,
	reachesCommunities,
	type AccessLevel,
	type CommunityAction,
	type DistrictAction
} from '../../src/lib/domain/policy';
import { AGENDA_EDITABLE, meetingAgendaLevel } from '../../src/lib/domain/meetings';
import { ROLE_UNIT_KIND, type Role } from '../../src/lib/domain/roles';
import type { DocumentRecord, Unit } from '../storage/types';
import type { Stores } from '../storage/Stores';

export interface DocumentAccess {
	doc: DocumentRecord;
	level: Exclude<AccessLevel, 'none'>;
}

export type AccessListener = (userId: string) => void;
/** Told when what a document allows changed for everyone (a meeting was minuted, a project closed). */
export type DocumentListener = (docId: string) => Promise<void>;

/**
 * Answers "what may this user do here" from memberships and the declared policy. Nothing else on
 * the server decides access. A role held in a unit applies to communities at or below it, if the
 * role may be held at that kind of unit.
 */
export class AccessService {
	#listeners = new Set<AccessListener>();
	#documentListeners = new Set<DocumentListener>();

	constructor(private readonly stores: Stores) {}

	/**
	 * Roles the user holds that apply at this unit: those held on it or on a unit above it, where
	 * the role may be held at that kind of unit. Works for a community and, for the chain and
	 * demands, for a grid or building below one.
	 */
	async rolesIn(userId: string, communityId: string): Promise<Set<Role>> {
		const [memberships, ancestry] = await Promise.all([
			this.stores.org.membershipsOf(userId),
			this.stores.org.ancestry(communityId)
		]);
		const above = new Map(ancestry.map((u) => [u.id, u] as const));
		const roles = new Set<Role>();
		for (const m of memberships) {
			const unit = above.get(m.unitId);
			if (unit && ROLE_UNIT_KIND[m.role].includes(unit.kind)) roles.add(m.role);
		}
		return roles;
	}

	/** Communities in which the user holds any role (directly or from a unit above). */
	async communitiesOf(userId: string): Promise<Unit[]> {
		const memberships = await this.stores.org.membershipsOf(userId);
		const found = new Map<string, Unit>();
		for (const m of memberships) {
			const unit = await this.stores.org.unit(m.unitId);
			if (!unit || !ROLE_UNIT_KIND[m.role].includes(unit.kind)) continue;
			if (!reachesCommunities(m.role)) continue;
			for (const c of await this.#communitiesUnder(unit)) found.set(c.id, c);
		}
		return [...found.values()].sort((a, b) => a.id.localeCompare(b.id));
	}

	/** The document and the user's level on it, or null — for a document that does not exist and
	 * for one the user may not read alike, so the two cannot be told apart. */
	async document(userId: string, docId: string): Promise<DocumentAccess | null> {
		const doc = await this.stores.documents.get(docId);
		if (!doc) return null;
		const level = await this.#level(doc, await this.rolesIn(userId, doc.communityId));
		return level === 'none' ? null : { doc, level };
	}

	/**
	 * A document's level for these roles. An agenda that belongs to a meeting follows the
	 * meeting's state (MEETING_POLICY and meetings.ts): a draft is hidden from residents, a minuted
	 * agenda and a superseded revision are read-only for everyone. A secretary project's board is
	 * read-only for everyone once the project is closed: what was promised, done and evaluated
	 * stays as it was judged (moving the project back a stage, with a reason, reopens it). Other
	 * documents: POLICY.
	 */
	async #level(doc: DocumentRecord, roles: Set<Role>): Promise<AccessLevel> {
		if (doc.kind === 'board') {
			const level = accessFor('board', roles);
			if (level !== 'write') return level;
			const project = await this.stores.projects.get(doc.id);
			return project?.stage === 'closed' ? 'read' : level;
		}
		if (doc.kind !== 'agenda') return accessFor(doc.kind, roles);
		const bound = await this.stores.meetings.byAgenda(doc.id);
		if (!bound) return accessFor('agenda', roles);
		const { meeting } = bound;
		return meetingAgendaLevel(meeting.state, meeting.agendaId === doc.id, roles);
	}

	/**
	 * Whether an agenda takes edits at all right now, whoever sends them: false for a minuted
	 * meeting's agenda and for a superseded revision. The Yjs endpoint asks before storing each
	 * update, so a socket opened before the minuting cannot slip one in.
	 */
	async agendaOpen(docId: string): Promise<boolean> {
		const bound = await this.stores.meetings.byAgenda(docId);
		if (!bound) return true;
		return bound.meeting.agendaId === docId && AGENDA_EDITABLE.includes(bound.meeting.state);
	}

	async documents(userId: string): Promise<DocumentAccess[]> {
		const communities = await this.communitiesOf(userId);
		const docs = await this.stores.documents.inCommunities(communities.map((c) => c.id));
		const rolesByCommunity = new Map<string, Set<Role>>();
		const out: DocumentAccess[] = [];
		for (const doc of docs) {
			let roles = rolesByCommunity.get(doc.communityId);
			if (!roles) {
				roles = await this.rolesIn(userId, doc.communityId);
				rolesByCommunity.set(doc.communityId, roles);
			}
			const level = await this.#level(doc, roles);
			if (level !== 'none') out.push({ doc, level });
		}
		return out;
	}

	async can(userId: string, action: CommunityAction, communityId: string): Promise<boolean> {
		return canDoInCommunity(action, await this.rolesIn(userId, communityId));
	}

	/** Districts in which the user may take a district action (held at the district unit). */
	async districtsFor(userId: string, action: DistrictAction): Promise<Unit[]> {
		const out = new Map<string, Unit>();
		for (const m of await this.stores.org.membershipsOf(userId)) {
			if (!DISTRICT_POLICY[action].includes(m.role)) continue;
			const unit = await this.stores.org.unit(m.unitId);
			if (unit?.kind === 'district' && ROLE_UNIT_KIND[m.role].includes('district'))
				out.set(unit.id, unit);
		}
		return [...out.values()].sort((a, b) => a.id.localeCompare(b.id));
	}

	async canInDistrict(userId: string, action: DistrictAction, districtId: string) {
		return (await this.districtsFor(userId, action)).some((d) => d.id === districtId);
	}

	/** The unit and every unit below it. */
	async unitsUnder(unitId: string): Promise<Unit[]> {
		const root = await this.stores.org.unit(unitId);
		if (!root) return [];
		const out = [root];
		for (let i = 0; i < out.length; i++) out.push(...(await this.stores.org.children(out[i]!.id)));
		return out;
	}

	/** Called after memberships change, so open sockets re-check what they may do. */
	changed(userId: string) {
		for (const l of this.#listeners) l(userId);
	}

	onChange(listener: AccessListener): () => void {
		this.#listeners.add(listener);
		return () => this.#listeners.delete(listener);
	}

	/**
	 * Called after what a document allows changed for everyone on it (a meeting moved state, a
	 * project was closed or reopened);
	 * resolves once every listener (the sync endpoints) has re-checked its open sockets.
	 */
	async documentChanged(docId: string): Promise<void> {
		await Promise.all([...this.#documentListeners].map((l) => l(docId)));
	}

	onDocumentChange(listener: DocumentListener): () => void {
		this.#documentListeners.add(listener);
		return () => this.#documentListeners.delete(listener);
	}

	async #communitiesUnder(unit: Unit): Promise<Unit[]> {
		if (unit.kind === 'community') return [unit];
		// A grid or building role (the chain below a community) belongs to that community.
		if (unit.kind === 'grid' || unit.kind === 'building') {
			const up = (await this.stores.org.ancestry(unit.id)).find((u) => u.kind === 'community');
			return up ? [up] : [];
		}
		const out: Unit[] = [];
		for (const child of await this.stores.org.children(unit.id)) {
			out.push(...(await this.#communitiesUnder(child)));
		}
		return out;
	}
}
