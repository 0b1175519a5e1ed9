/**
 * A refused evaluation operation. `not_found` also answers for a board or survey the user may
 * not see, so the two cannot be told apart. `reason` says which rule refused (shown to the user).
 */
export type EvaluationErrorCode = 'not_found' | 'forbidden' | 'invalid' | 'conflict';

const STATUS: Record<EvaluationErrorCode, number> = {
	not_found: 404,
	forbidden: 403,
	invalid: 400,
	conflict: 409
};

export class EvaluationError extends Error {
	override name = 'EvaluationError';
	readonly status: number;

	constructor(
		readonly code: EvaluationErrorCode,
		readonly reason?: string
	) {
		super(reason ? `${code}: ${reason}` : code);
		this.status = STATUS[code];
	}
}
