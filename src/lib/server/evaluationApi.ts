import { json } from '@sveltejs/kit';
import type { EvaluationError } from '../../../server/evaluation/EvaluationError';
import { NO_STORE } from './demandApi';

/** A refusal from the evaluation service (by name: src/ may not import server classes). */
export function isEvaluationRefusal(e: unknown): e is EvaluationError {
	return e instanceof Error && e.name === 'EvaluationError';
}

/** The JSON answer for a refused evaluation operation; anything else is a real error. */
export function evaluationErrorResponse(e: unknown): Response {
	if (isEvaluationRefusal(e)) {
		return json(
			{ error: e.code, ...(e.reason ? { reason: e.reason } : {}) },
			{ status: e.status, headers: NO_STORE }
		);
	}
	throw e;
}
