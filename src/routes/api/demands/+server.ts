import { json } from '@sveltejs/kit';
import { demandErrorResponse, jsonBody, NO_STORE, tooManyHeaders } from '$lib/server/demandApi';
import { services } from '$lib/server/services';
import type { RequestHandler } from './$types';

const UNIT_ID = /^[A-Za-z0-9_-]{1,64}$/;

/**
 * The user's demand lists in one community (`?community=`): mine, the queue I dispatch, assigned
 * to me, offered to me. Without `community`, the lists of every community the user belongs to.
 */
export const GET: RequestHandler = async ({ locals, url }) => {
	if (!locals.user) return json({ error: 'Unauthorized' }, { status: 401 });
	const { stores, access, demands } = services();
	const asked = url.searchParams.get('community');
	if (asked === null) {
		const all = { mine: [], queue: [], assigned: [], offered: [], canFile: false } as Awaited<
			ReturnType<typeof demands.lists>
		>;
		for (const c of await access.communitiesOf(locals.user.id)) {
			const l = await demands.lists(locals.user.id, c.id);
			all.mine.push(...l.mine);
			all.queue.push(...l.queue);
			all.assigned.push(...l.assigned);
			all.offered.push(...l.offered);
			all.canFile ||= l.canFile;
		}
		return json(all, { headers: NO_STORE });
	}
	const unit = UNIT_ID.test(asked) ? await stores.org.unit(asked) : null;
	if (unit?.kind !== 'community') return json({ error: 'not_found' }, { status: 404 });
	return json(await demands.lists(locals.user.id, asked), { headers: NO_STORE });
};

/** Files a demand. The client makes its id, so a retry after a lost answer is stored once. */
export const POST: RequestHandler = async ({ locals, request }) => {
	if (!locals.user) return json({ error: 'Unauthorized' }, { status: 401 });
	const body = await jsonBody(request);
	if (!body) return json({ error: 'invalid' }, { status: 400 });
	// Counted per request, a resend of the same id included: the burst leaves room for those.
	const waitMs = services().demandFilings.take(locals.user.id);
	if (waitMs > 0)
		return json({ error: 'too_many' }, { status: 429, headers: tooManyHeaders(waitMs) });
	try {
		const demand = await services().demands.file(locals.user.id, body);
		return json({ demand }, { headers: NO_STORE });
	} catch (e) {
		return demandErrorResponse(e);
	}
};
