/**
 * A refused resource operation. `not_found` also answers for a unit, item, board or request the
 * user may not see, so the two cannot be told apart. `reason` names the rule or field that
 * refused (the page shows it; tests check it).
 */
export type ResourceErrorCode = 'not_found' | 'forbidden' | 'invalid' | 'conflict';

const STATUS: Record<ResourceErrorCode, number> = {
	not_found: 404,
	forbidden: 403,
	invalid: 400,
	conflict: 409
};

export class ResourceError extends Error {
	override name = 'ResourceError';
	readonly status: number;

	constructor(
		readonly code: ResourceErrorCode,
		readonly reason?: string
	) {
		super(reason ? `${code}: ${reason}` : code);
		this.status = STATUS[code];
	}
}
