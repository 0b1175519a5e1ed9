import { json } from '@sveltejs/kit';
import type { BoardFileError } from '../../../server/boards/BoardFileError';
import { NO_STORE } from './demandApi';

/** A refusal from the board files service (by name: src/ may not import server classes). */
export function isBoardFileRefusal(e: unknown): e is BoardFileError {
	return e instanceof Error && e.name === 'BoardFileError';
}

/** The JSON answer for a refused upload or attachment; anything else is a real error. */
export function boardFileErrorResponse(e: unknown): Response {
	if (isBoardFileRefusal(e)) {
		return json({ error: e.code }, { status: e.status, headers: NO_STORE });
	}
	throw e;
}
