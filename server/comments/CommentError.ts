/**
 * A refused comment operation. `not_found` also answers for a meeting or comment the user may
 * not see, so the two cannot be told apart. `reason` names the field for `invalid` and the rule
 * for `forbidden` and `conflict`; `too_many` is a person writing faster than COMMENT_WRITES.
 */
export type CommentErrorCode = 'not_found' | 'forbidden' | 'invalid' | 'conflict' | 'too_many';

const STATUS: Record<CommentErrorCode, number> = {
	not_found: 404,
	forbidden: 403,
	invalid: 400,
	conflict: 409,
	too_many: 429
};

export class CommentError extends Error {
	override name = 'CommentError';
	readonly status: number;

	constructor(
		readonly code: CommentErrorCode,
		readonly reason?: string,
		/** For `too_many`: how long to wait before sending again. */
		readonly retryAfterMs?: number
	) {
		super(reason ? `${code}: ${reason}` : code);
		this.status = STATUS[code];
	}
}
