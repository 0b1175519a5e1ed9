/**
 * Close codes of both sync endpoints (Yjs and Automerge), so a client and a log reader can tell
 * why a socket ended. The server closes with them; the app reads `forbidden` to stop reconnecting.
 */
export const SYNC_CLOSE = {
	normal: 1000,
	goingAway: 1001,
	protocolError: 1002,
	tooBig: 1009,
	badMessage: 4400,
	unauthorized: 4401,
	forbidden: 4403,
	notFound: 4404,
	/** The document has reached its size cap: it stays readable but takes no more changes. */
	documentTooLarge: 4413,
	tooMany: 4429,
	internal: 4500
} as const;
