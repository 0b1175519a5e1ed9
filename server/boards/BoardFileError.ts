/**
 * A refused upload or attachment of a board photo. `not_found` also answers for a board the user
 * may not read and for a file that is not theirs, so neither can be told from an unknown id.
 */
export type BoardFileErrorCode =
	'not_found' | 'forbidden' | 'invalid' | 'empty' | 'not_an_image' | 'too_large' | 'too_many';

const STATUS: Record<BoardFileErrorCode, number> = {
	not_found: 404,
	forbidden: 403,
	invalid: 400,
	empty: 400,
	not_an_image: 400,
	too_large: 413,
	too_many: 409
};

export class BoardFileError extends Error {
	override name = 'BoardFileError';
	readonly status: number;

	constructor(readonly code: BoardFileErrorCode) {
		super(code);
		this.status = STATUS[code];
	}
}
