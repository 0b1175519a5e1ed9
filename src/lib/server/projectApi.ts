import { json } from '@sveltejs/kit';
import type { ProjectError } from '../../../server/projects/ProjectError';
import { NO_STORE } from './demandApi';

/** A refusal from the project service (by name: src/ may not import server classes). */
export function isProjectRefusal(e: unknown): e is ProjectError {
	return e instanceof Error && e.name === 'ProjectError';
}

/** The JSON answer for a refused project operation, with the unmet gates; else rethrows. */
export function projectErrorResponse(e: unknown): Response {
	if (isProjectRefusal(e)) {
		return json({ error: e.code, gates: e.gates }, { status: e.status, headers: NO_STORE });
	}
	throw e;
}
