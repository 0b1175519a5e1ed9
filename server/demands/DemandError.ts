/**
 * A refused demand operation. `not_found` is used for demands the user may not see as well as
 * for unknown ones, so the two cannot be told apart.
 */
export type DemandErrorCode =
	| 'not_found'
	| 'forbidden'
	| 'invalid'
	| 'conflict'
	| 'id_taken'
	| 'bad_assignee'
	| 'too_many_photos';

const STATUS: Record<DemandErrorCode, number> = {
	not_found: 404,
	forbidden: 403,
	invalid: 400,
	conflict: 409,
	id_taken: 409,
	bad_assignee: 400,
	too_many_photos: 400
};

export class DemandError extends Error {
	override name = 'DemandError';
	readonly status: number;

	constructor(
		readonly code: DemandErrorCode,
		detail?: string
	) {
		super(detail ? `${code}: ${detail}` : code);
		this.status = STATUS[code];
	}
}
