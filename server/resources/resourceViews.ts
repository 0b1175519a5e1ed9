import { canDoWithResources } from '../../src/lib/domain/policy';
import type { RequestState, ResourceKind } from '../../src/lib/domain/resources';
import type { ResourceItem, ResourceRequest } from '../storage/ResourceStore';
import type { Unit } from '../storage/types';
import type { ResourceService } from './ResourceService';

export interface ResourceItemView {
	id: string;
	unitId: string;
	unitName: string;
	kind: ResourceKind;
	title: string;
	description: string;
	department: string;
	contact: string;
	active: boolean;
	updatedAt: number;
	/** The viewer may edit, withdraw or restore it. */
	canEdit: boolean;
}

/** A request in a department's inbox: everything needed to answer it. */
export interface InboxEntry {
	id: string;
	state: RequestState;
	item: { id: string; title: string; department: string };
	board: { id: string; title: string };
	community: string;
	note: string;
	requester: string;
	requestedAt: number;
	comment: string;
	decider: string | null;
	closedAt: number | null;
}

export interface UnitResourcesView {
	unit: { id: string; name: string; nameEn: string; kind: Unit['kind'] };
	items: ResourceItemView[];
	/** The viewer may add items here (a district or street, with a publishing role). */
	canPublish: boolean;
	/** Requests for the items the viewer answers for: pending first, then newest. */
	inbox: InboxEntry[];
}

/** A board's request as one viewer may see it: notes and names only for those who run it. */
export interface BoardRequestView {
	id: string;
	state: RequestState;
	item: { title: string; kind: ResourceKind; department: string; contact: string };
	requestedAt: number;
	closedAt: number | null;
	note: string | null;
	comment: string | null;
	requester: string | null;
	decider: string | null;
	canWithdraw: boolean;
}

export interface BoardResourcesView {
	boardId: string;
	communityId: string;
	requests: BoardRequestView[];
	can: { request: boolean };
	/** Active items the project may ask for (only for those who may request). */
	options: {
		id: string;
		title: string;
		kind: ResourceKind;
		department: string;
		pending: boolean;
	}[];
}

const INBOX_LIMIT = 200;

function nameCache(service: ResourceService) {
	const names = new Map<string, string>();
	return async (id: string | null) => {
		if (id === null) return null;
		if (!names.has(id))
			names.set(id, (await service.deps.stores.users.byId(id))?.displayName ?? '');
		return names.get(id)!;
	};
}

/** The units whose items a page lists: the unit's own and above; a district adds its streets. */
async function listedUnits(service: ResourceService, unit: Unit): Promise<Unit[]> {
	const { org } = service.deps.stores;
	const up = (await org.ancestry(unit.id)).filter(
		(u) => u.kind === 'district' || u.kind === 'street'
	);
	if (unit.kind !== 'district') return up;
	return [...up, ...(await org.children(unit.id)).filter((u) => u.kind === 'street')];
}

/** The resource page of a unit for one viewer; not_found exactly as for an unknown unit. */
export async function unitResourcesView(
	service: ResourceService,
	userId: string,
	unitId: string
): Promise<UnitResourcesView> {
	const { unit } = await service.unit(userId, unitId);
	const { resources, documents, org } = service.deps.stores;
	const units = await listedUnits(service, unit);
	const unitName = new Map(units.map((u) => [u.id, u.name] as const));
	const edit = new Map<string, boolean>();
	const decide = new Map<string, boolean>();
	for (const u of units) {
		edit.set(u.id, await service.mayAt(userId, u.id, 'publish'));
		decide.set(u.id, await service.mayAt(userId, u.id, 'decide'));
	}
	const all = await resources.itemsIn(units.map((u) => u.id));
	// A withdrawn item stays visible to whoever may restore it, and to nobody else.
	const items = all
		.filter((i) => i.active || edit.get(i.unitId))
		.map((i) => ({
			...itemView(i),
			unitName: unitName.get(i.unitId) ?? '',
			canEdit: !!edit.get(i.unitId)
		}));
	const answered = all.filter((i) => decide.get(i.unitId));
	const byId = new Map(answered.map((i) => [i.id, i] as const));
	const requests = (await resources.requestsFor(answered.map((i) => i.id)))
		.sort((a, b) => Number(b.state === 'pending') - Number(a.state === 'pending'))
		.slice(0, INBOX_LIMIT);
	const nameOf = nameCache(service);
	const inbox: InboxEntry[] = [];
	for (const r of requests) {
		const item = byId.get(r.resourceId)!;
		const [doc, community] = await Promise.all([documents.get(r.boardId), org.unit(r.communityId)]);
		inbox.push({
			id: r.id,
			state: r.state,
			item: { id: item.id, title: item.title, department: item.department },
			board: { id: r.boardId, title: doc?.title ?? '' },
			community: community?.name ?? '',
			note: r.note,
			requester: (await nameOf(r.requestedBy)) ?? '',
			requestedAt: r.requestedAt,
			comment: r.comment,
			decider: await nameOf(r.closedBy),
			closedAt: r.closedAt
		});
	}
	return {
		unit: { id: unit.id, name: unit.name, nameEn: unit.nameEn, kind: unit.kind },
		items,
		canPublish:
			(unit.kind === 'district' || unit.kind === 'street') &&
			!!(await service.mayAt(userId, unit.id, 'publish')),
		inbox
	};
}

const itemView = (i: ResourceItem) => ({
	id: i.id,
	unitId: i.unitId,
	kind: i.kind,
	title: i.title,
	description: i.description,
	department: i.department,
	contact: i.contact,
	active: i.active,
	updatedAt: i.updatedAt
});

/**
 * The board's resource panel for one viewer. Every reader of the board sees what was asked for
 * and how it was answered; the request's note, the department's comment and the people's names
 * are for those who run the project (RESOURCE_POLICY `read_notes`) and the deciders of the item.
 */
export async function boardResourcesView(
	service: ResourceService,
	userId: string,
	boardId: string
): Promise<BoardResourcesView> {
	const { doc, roles } = await service.board(userId, boardId);
	const { resources } = service.deps.stores;
	const notes = canDoWithResources('read_notes', roles);
	// Those who may ask may also take back what is pending, even once the project is closed;
	// a closed project asks for nothing new (the service refuses it too), so no form is offered.
	const mayWithdraw = canDoWithResources('request', roles);
	const project = await service.deps.stores.projects.get(boardId);
	const mayRequest = mayWithdraw && !!project && project.stage !== 'closed';
	const nameOf = nameCache(service);
	const rows: ResourceRequest[] = await resources.requestsOf(boardId);
	const requests: BoardRequestView[] = [];
	for (const r of rows) {
		const item = await resources.item(r.resourceId);
		if (!item) continue;
		const sees = notes || (await service.mayAt(userId, item.unitId, 'decide'));
		requests.push({
			id: r.id,
			state: r.state,
			item: {
				title: item.title,
				kind: item.kind,
				department: item.department,
				contact: item.contact
			},
			requestedAt: r.requestedAt,
			closedAt: r.closedAt,
			note: sees ? r.note : null,
			comment: sees ? r.comment : null,
			requester: sees ? await nameOf(r.requestedBy) : null,
			decider: sees ? await nameOf(r.closedBy) : null,
			canWithdraw: mayWithdraw && r.state === 'pending'
		});
	}
	const options: BoardResourcesView['options'] = [];
	if (mayRequest) {
		const offering = await service.offeringUnits(doc.communityId);
		const pending = new Set(rows.filter((r) => r.state === 'pending').map((r) => r.resourceId));
		for (const i of await resources.itemsIn(offering.map((u) => u.id))) {
			if (!i.active) continue;
			options.push({
				id: i.id,
				title: i.title,
				kind: i.kind,
				department: i.department,
				pending: pending.has(i.id)
			});
		}
	}
	return { boardId, communityId: doc.communityId, requests, can: { request: mayRequest }, options };
}
