import { json } from '@sveltejs/kit';
import type { DemandError } from '../../../server/demands/DemandError';
import type { PhotoError } from '../../../server/demands/DemandPhotos';
import type { Demand, DemandEvent } from '$lib/domain/demands';
import { services } from './services';

export const NO_STORE = { 'cache-control': 'private, no-store' };

/** A 429's headers: not stored, and when to try again (whole seconds, rounded up). */
export function tooManyHeaders(waitMs: number): Record<string, string> {
	return { ...NO_STORE, 'retry-after': String(Math.ceil(waitMs / 1000)) };
}

/** A refusal from the demand service (by name: src/ may not import server classes). */
export function isRefusal(e: unknown): e is DemandError | PhotoError {
	return e instanceof Error && (e.name === 'DemandError' || e.name === 'PhotoError');
}

/** The JSON answer for a refused demand operation; anything else is a real error. */
export function demandErrorResponse(e: unknown): Response {
	if (isRefusal(e)) {
		return json({ error: e.code }, { status: e.status, headers: NO_STORE });
	}
	throw e;
}

/** Display names of the people a viewer may see on a demand (its visible ids only). */
export async function namesFor(d: Demand, events: readonly DemandEvent[]) {
	const ids = new Set<string>();
	for (const id of [d.residentId, d.enteredBy, d.assignee]) if (id) ids.add(id);
	for (const e of events) {
		if (e.actor) ids.add(e.actor);
		if (typeof e.detail?.to === 'string' && e.kind === 'dispatched') ids.add(e.detail.to);
	}
	const names: Record<string, string> = {};
	for (const id of ids) {
		const u = await services().stores.users.byId(id);
		if (u) names[id] = u.displayName;
	}
	return names;
}

/** A JSON object body, or null for anything else (bounded: the route's own limit applies). */
export async function jsonBody(request: Request, maxBytes = 64 * 1024) {
	const text = await request.text();
	if (text.length > maxBytes) return null;
	try {
		const v = JSON.parse(text) as unknown;
		return v !== null && typeof v === 'object' && !Array.isArray(v)
			? (v as Record<string, unknown>)
			: null;
	} catch {
		return null;
	}
}
