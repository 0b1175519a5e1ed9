import type { RequestState, ResourceItemInput, ResourceKind } from '../../src/lib/domain/resources';

/** One item of a unit's resource list, as its department published it. */
export interface ResourceItem {
	id: string;
	/** The district or street whose department offers it. */
	unitId: string;
	kind: ResourceKind;
	title: string;
	description: string;
	/** The providing department's name (区住建委, 区民政局 …). */
	department: string;
	contact: string;
	/** False once withdrawn: listed no more for new requests, kept for the requests it had. */
	active: boolean;
	createdBy: string;
	createdAt: number;
	updatedBy: string;
	updatedAt: number;
}

/** A project board's request for an item, and how it ended (decided or withdrawn, once). */
export interface ResourceRequest {
	id: string;
	resourceId: string;
	boardId: string;
	/** The board's community, kept so the inbox needs no board lookups. */
	communityId: string;
	note: string;
	state: RequestState;
	requestedBy: string;
	requestedAt: number;
	/** Who decided (accepted, declined) or withdrew it, and when; null while pending. */
	closedBy: string | null;
	closedAt: number | null;
	/** The department's comment on its decision ('' when none or withdrawn). */
	comment: string;
}

export type ClosedState = Exclude<RequestState, 'pending'>;

/**
 * The resource list and the requests made from it. Items are edited in place (with who and
 * when) and never deleted; a request leaves `pending` once, by a compare-and-set, and is never
 * changed after — the database refuses it — so two deciders racing cannot both answer.
 */
export interface ResourceStore {
	addItem(item: ResourceItem): Promise<void>;
	item(id: string): Promise<ResourceItem | null>;
	/** Items of these units, active and withdrawn, by unit order given then kind and age. */
	itemsIn(unitIds: readonly string[]): Promise<ResourceItem[]>;
	/** Replaces the item's published fields; false for an unknown id. */
	updateItem(
		id: string,
		fields: ResourceItemInput,
		by: { userId: string; at: number }
	): Promise<boolean>;
	/** Withdraws or restores an item; false when it already was in that state (or is unknown). */
	setActive(id: string, active: boolean, by: { userId: string; at: number }): Promise<boolean>;

	/**
	 * Stores a pending request; false (nothing written) when the id exists (a retried submission)
	 * or the board already has a pending request for the item.
	 */
	addRequest(
		r: Omit<ResourceRequest, 'state' | 'closedBy' | 'closedAt' | 'comment'>
	): Promise<boolean>;
	request(id: string): Promise<ResourceRequest | null>;
	/** A board's requests, oldest first. */
	requestsOf(boardId: string): Promise<ResourceRequest[]>;
	/** Requests for any of these items (a department's inbox), newest first. */
	requestsFor(resourceIds: readonly string[]): Promise<ResourceRequest[]>;
	/** Moves a pending request to `to` with who, when and the comment; false if not pending. */
	closeRequest(
		id: string,
		to: ClosedState,
		by: { userId: string; at: number; comment: string }
	): Promise<boolean>;
}
