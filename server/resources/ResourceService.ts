import { randomUUID } from 'node:crypto';
import type { AuditAction } from '../../src/lib/domain/audit';
import { canDoWithResources, type ResourceAction } from '../../src/lib/domain/policy';
import {
	boundedText,
	decisionRefusal,
	isDecision,
	RESOURCE_LIMITS,
	RESOURCE_UNIT_KINDS,
	resourceItemInput
} from '../../src/lib/domain/resources';
import { ROLE_UNIT_KIND, type Role } from '../../src/lib/domain/roles';
import type { AccessService } from '../access/AccessService';
import type { Notification } from '../storage/NotificationStore';
import type { ResourceItem, ResourceRequest } from '../storage/ResourceStore';
import type { Stores } from '../storage/Stores';
import type { DocumentRecord, Unit } from '../storage/types';
import { ResourceError } from './ResourceError';
import {
	boardResourcesView,
	unitResourcesView,
	type BoardResourcesView,
	type UnitResourcesView
} from './resourceViews';

export interface ResourceServiceDeps {
	stores: Stores;
	access: AccessService;
	now(): number;
}

/** A board as one user meets it: the registry row and their roles in its community. */
export interface ResourceBoard {
	doc: DocumentRecord;
	roles: Set<Role>;
}

const isResourceUnit = (u: Unit) => (RESOURCE_UNIT_KINDS as readonly string[]).includes(u.kind);

/**
 * The helper group's resource list and projects' requests for its items (帮帮团 · 资源清单).
 * Departments publish items at a district or street; a community's secretary requests them for
 * a project board; a department representative of the item's unit (or above) accepts or
 * declines, once. Everything is a server row with its author and the server's time; nothing is
 * written into the board document. Reading views lives in `resourceViews.ts`.
 */
export class ResourceService {
	constructor(readonly deps: ResourceServiceDeps) {}

	now() {
		return this.deps.now();
	}

	/** A unit's resource page for this viewer: the list, and the inbox of those who decide. */
	unitView(userId: string, unitId: string): Promise<UnitResourcesView> {
		return unitResourcesView(this, userId, unitId);
	}

	/** A board's resource panel for this viewer (notes only for those who run the project). */
	boardView(userId: string, boardId: string): Promise<BoardResourcesView> {
		return boardResourcesView(this, userId, boardId);
	}

	/**
	 * The roles that let a user near a unit: those that apply at it (held there or above) and
	 * those held below it — a community's resident may browse what the street offers.
	 */
	async rolesAround(userId: string, unitId: string): Promise<Set<Role>> {
		const roles = await this.deps.access.rolesIn(userId, unitId);
		for (const m of await this.deps.stores.org.membershipsOf(userId)) {
			if (roles.has(m.role)) continue;
			const chain = await this.deps.stores.org.ancestry(m.unitId);
			const held = chain[0];
			if (held && ROLE_UNIT_KIND[m.role].includes(held.kind) && chain.some((u) => u.id === unitId))
				roles.add(m.role);
		}
		return roles;
	}

	/** A unit the user may browse resources at (any unit down to a community), else not_found. */
	async unit(userId: string, unitId: string): Promise<{ unit: Unit; roles: Set<Role> }> {
		const unit = await this.deps.stores.org.unit(unitId);
		if (!unit || !['district', 'street', 'community'].includes(unit.kind))
			throw new ResourceError('not_found');
		const roles = await this.rolesAround(userId, unit.id);
		if (!canDoWithResources('browse', roles)) throw new ResourceError('not_found');
		return { unit, roles };
	}

	/** May the user take `action` at the item's unit (roles held there or above)? */
	async mayAt(userId: string, unitId: string, action: ResourceAction): Promise<boolean> {
		return canDoWithResources(action, await this.deps.access.rolesIn(userId, unitId));
	}

	/** An item the user may browse, and whether they may maintain it; else not_found. */
	async #item(userId: string, itemId: unknown) {
		if (typeof itemId !== 'string') throw new ResourceError('not_found');
		const item = await this.deps.stores.resources.item(itemId);
		if (!item) throw new ResourceError('not_found');
		await this.unit(userId, item.unitId);
		if (!(await this.mayAt(userId, item.unitId, 'publish')))
			throw new ResourceError('forbidden', 'publish');
		return item;
	}

	async publish(userId: string, unitId: string, raw: Record<string, unknown>) {
		const { unit } = await this.unit(userId, unitId);
		if (!(await this.mayAt(userId, unit.id, 'publish')))
			throw new ResourceError('forbidden', 'publish');
		// Departments sit at the district and streets; a community has no list of its own.
		if (!isResourceUnit(unit)) throw new ResourceError('invalid', 'unit');
		const input = resourceItemInput(raw);
		if (!input.ok) throw new ResourceError('invalid', input.field);
		const now = this.now();
		const item: ResourceItem = {
			id: `rs-${randomUUID()}`,
			unitId: unit.id,
			...input.value,
			active: true,
			createdBy: userId,
			createdAt: now,
			updatedBy: userId,
			updatedAt: now
		};
		await this.deps.stores.resources.addItem(item);
		await this.#audit(userId, 'resource_published', `resource:${item.id}`, unit.id, {
			kind: item.kind,
			title: item.title
		});
		return item;
	}

	async edit(userId: string, itemId: unknown, raw: Record<string, unknown>) {
		const item = await this.#item(userId, itemId);
		const input = resourceItemInput(raw);
		if (!input.ok) throw new ResourceError('invalid', input.field);
		const by = { userId, at: this.now() };
		await this.deps.stores.resources.updateItem(item.id, input.value, by);
		await this.#audit(userId, 'resource_edited', `resource:${item.id}`, item.unitId, {
			title: input.value.title
		});
	}

	/** Withdraws (active false) or restores an item; pending requests for it stay to be answered. */
	async setActive(userId: string, itemId: unknown, active: boolean) {
		const item = await this.#item(userId, itemId);
		const changed = await this.deps.stores.resources.setActive(item.id, active, {
			userId,
			at: this.now()
		});
		if (!changed)
			throw new ResourceError('conflict', active ? 'already_active' : 'already_withdrawn');
		const action = active ? 'resource_restored' : 'resource_withdrawn';
		await this.#audit(userId, action, `resource:${item.id}`, item.unitId, {});
	}

	/** A board the user may read, with their roles in its community; else not_found. */
	async board(userId: string, boardId: string): Promise<ResourceBoard> {
		const found = await this.deps.access.document(userId, boardId);
		if (!found || found.doc.kind !== 'board') throw new ResourceError('not_found');
		const roles = await this.deps.access.rolesIn(userId, found.doc.communityId);
		return { doc: found.doc, roles };
	}

	/** The units whose items a community may ask for: its street and district. */
	async offeringUnits(communityId: string): Promise<Unit[]> {
		return (await this.deps.stores.org.ancestry(communityId)).filter(isResourceUnit);
	}

	/** The secretary asks for an item on behalf of a project board, with a note. */
	async request(userId: string, boardId: string, resourceId: unknown, note: unknown) {
		const { doc, roles } = await this.board(userId, boardId);
		if (!canDoWithResources('request', roles)) throw new ResourceError('forbidden', 'request');
		const text = boundedText(note ?? '', RESOURCE_LIMITS.note);
		if (text === null) throw new ResourceError('invalid', 'note');
		const item =
			typeof resourceId === 'string' ? await this.deps.stores.resources.item(resourceId) : null;
		const offering = await this.offeringUnits(doc.communityId);
		// Another street's items are not this community's to ask for: as if the id did not exist.
		if (!item || !offering.some((u) => u.id === item.unitId))
			throw new ResourceError('invalid', 'resource');
		if (!item.active) throw new ResourceError('conflict', 'withdrawn');
		const project = await this.deps.stores.projects.get(boardId);
		if (!project) throw new ResourceError('conflict', 'not_a_project');
		if (project.stage === 'closed') throw new ResourceError('conflict', 'project_closed');
		const request = {
			id: `rq-${randomUUID()}`,
			resourceId: item.id,
			boardId,
			communityId: doc.communityId,
			note: text,
			requestedBy: userId,
			requestedAt: this.now()
		};
		if (!(await this.deps.stores.resources.addRequest(request)))
			throw new ResourceError('conflict', 'already_requested');
		await this.#audit(userId, 'resource_requested', `board:${boardId}`, doc.communityId, {
			request: request.id,
			resource: item.id
		});
		await this.#notify(await this.deciders(item.unitId), 'resource_requested', {
			requestId: request.id,
			boardId,
			unitId: item.unitId
		});
		return request.id;
	}

	/**
	 * A request and its item, for a user who may see it: a reader of its board, or someone who
	 * may decide for the item's unit. Anyone else gets not_found, as for an unknown id.
	 */
	async #request(userId: string, requestId: unknown) {
		const { resources, documents } = this.deps.stores;
		const request = typeof requestId === 'string' ? await resources.request(requestId) : null;
		const item = request && (await resources.item(request.resourceId));
		if (!request || !item) throw new ResourceError('not_found');
		const decider = await this.mayAt(userId, item.unitId, 'decide');
		const reader = await this.deps.access.document(userId, request.boardId);
		if (!decider && !reader) throw new ResourceError('not_found');
		const doc = reader?.doc ?? (await documents.get(request.boardId));
		if (!doc) throw new ResourceError('not_found');
		return { request, item, decider, doc };
	}

	/** The project side takes back a request the department has not answered yet. */
	async withdraw(userId: string, requestId: unknown) {
		const { request, item, doc } = await this.#request(userId, requestId);
		const roles = await this.deps.access.rolesIn(userId, request.communityId);
		if (!canDoWithResources('request', roles)) throw new ResourceError('forbidden', 'request');
		await this.#close(request, 'withdrawn', userId, '');
		await this.#audit(userId, 'resource_request_withdrawn', `board:${doc.id}`, doc.communityId, {
			request: request.id
		});
		await this.#notify(await this.deciders(item.unitId), 'resource_request_withdrawn', {
			requestId: request.id,
			boardId: doc.id,
			unitId: item.unitId
		});
	}

	/** The department accepts or declines, once, with a comment (required to decline). */
	async decide(userId: string, requestId: unknown, decision: unknown, comment: unknown) {
		const { request, item, decider, doc } = await this.#request(userId, requestId);
		if (!decider) throw new ResourceError('forbidden', 'decide');
		if (!isDecision(decision)) throw new ResourceError('invalid', 'decision');
		const text = boundedText(comment ?? '', RESOURCE_LIMITS.comment);
		if (text === null) throw new ResourceError('invalid', 'comment');
		const refusal = decisionRefusal(decision, text);
		if (refusal) throw new ResourceError('invalid', refusal);
		await this.#close(request, decision, userId, text);
		await this.#audit(userId, 'resource_decided', `board:${doc.id}`, doc.communityId, {
			request: request.id,
			resource: item.id,
			decision
		});
		await this.#notify([request.requestedBy], 'resource_decided', {
			requestId: request.id,
			boardId: doc.id,
			decision
		});
	}

	async #close(
		request: ResourceRequest,
		to: 'accepted' | 'declined' | 'withdrawn',
		by: string,
		comment: string
	) {
		const closed = await this.deps.stores.resources.closeRequest(request.id, to, {
			userId: by,
			at: this.now(),
			comment
		});
		if (!closed)
			throw new ResourceError('conflict', request.state === 'withdrawn' ? 'withdrawn' : 'decided');
	}

	/** Active department representatives who may decide for a unit (held there or above). */
	async deciders(unitId: string): Promise<string[]> {
		const { org, users } = this.deps.stores;
		const out = new Set<string>();
		for (const unit of await org.ancestry(unitId)) {
			for (const m of await org.membersOf(unit.id)) {
				if (!canDoWithResources('decide', [m.role]) || !ROLE_UNIT_KIND[m.role].includes(unit.kind))
					continue;
				const u = await users.byId(m.userId);
				if (u && !u.disabled) out.add(m.userId);
			}
		}
		return [...out];
	}

	async #notify(
		userIds: readonly string[],
		kind: Notification['kind'],
		detail: Record<string, unknown>
	) {
		const at = this.now();
		for (const userId of userIds) {
			await this.deps.stores.notifications.add({ userId, at, kind, demandId: null, detail });
		}
	}

	async #audit(
		userId: string,
		action: AuditAction,
		target: string,
		scope: string,
		detail: Record<string, unknown>
	) {
		await this.deps.stores.audit.record({ at: this.now(), userId, action, target, scope, detail });
	}
}
