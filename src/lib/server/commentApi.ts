import { json } from '@sveltejs/kit';
import type { CommentError } from '../../../server/comments/CommentError';
import { NO_STORE, tooManyHeaders } from './demandApi';

/** A refusal from the comment service (by name: src/ may not import server classes). */
export function isCommentRefusal(e: unknown): e is CommentError {
	return e instanceof Error && e.name === 'CommentError';
}

/**
 * The JSON answer for a refused comment operation: `{ error, reason }` with its status. A meeting
 * or comment the user may not see answers exactly as one that does not exist.
 */
export function commentErrorResponse(e: unknown): Response {
	if (!isCommentRefusal(e)) throw e;
	const body =
		e.code === 'not_found' ? { error: 'not_found' } : { error: e.code, reason: e.reason };
	const headers = e.retryAfterMs ? tooManyHeaders(e.retryAfterMs) : NO_STORE;
	return json(body, { status: e.status, headers });
}

/** Comment bodies are at most a few thousand bytes; anything past this is refused unread. */
export const COMMENT_BODY_BYTES = 16 * 1024;
