/**
 * Thrown while handling a message when the socket must be closed with `code`: the connection
 * queue catches it, logs `reason` and closes. Anything else thrown counts as a malformed message.
 */
export class SyncRefusal extends Error {
	constructor(
		readonly code: number,
		readonly reason: string
	) {
		super(reason);
	}
}
