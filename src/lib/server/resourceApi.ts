import { json } from '@sveltejs/kit';
import type { ResourceError } from '../../../server/resources/ResourceError';
import { NO_STORE } from './demandApi';

/** A refusal from the resource service (by name: src/ may not import server classes). */
export function isResourceRefusal(e: unknown): e is ResourceError {
	return e instanceof Error && e.name === 'ResourceError';
}

/** The JSON answer for a refused resource operation; anything else is a real error. */
export function resourceErrorResponse(e: unknown): Response {
	if (isResourceRefusal(e)) {
		return json(
			{ error: e.code, ...(e.reason ? { reason: e.reason } : {}) },
			{ status: e.status, headers: NO_STORE }
		);
	}
	throw e;
}
