/** Ends a socket with this close code; thrown from message handling and caught per message. */
export class Refusal extends Error {
	constructor(
		readonly code: number,
		message: string
	) {
		super(message);
	}
}
