/**
 * A refused meeting operation. `not_found` also answers for a meeting the user may not see (a
 * resident asking for a draft), so the two cannot be told apart. `reason` says which rule
 * refused: a form field for `invalid`, the rule for `forbidden` and `conflict`.
 */
export type MeetingErrorCode = 'not_found' | 'forbidden' | 'invalid' | 'conflict';

const STATUS: Record<MeetingErrorCode, number> = {
	not_found: 404,
	forbidden: 403,
	invalid: 400,
	conflict: 409
};

export class MeetingError extends Error {
	override name = 'MeetingError';
	readonly status: number;

	constructor(
		readonly code: MeetingErrorCode,
		readonly reason?: string
	) {
		super(reason ? `${code}: ${reason}` : code);
		this.status = STATUS[code];
	}
}
