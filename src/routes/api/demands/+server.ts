import { json } from '@sveltejs/kit';
import { demandErrorResponse, jsonBody, NO_STORE } from '$lib/server/demandApi';
import { services } from '$lib/server/services';
import type { RequestHandler } from './$types';

const UNIT_ID = /^[A-Za-z0-9_-]{1,64}$/;

/** The user's demand lists in one community: mine, the queue I dispatch, assigned, offered. */
export const GET: RequestHandler = async ({ locals, url }) => {
	if (!locals.user) return json({ error: 'Unauthorized' }, { status: 401 });
	const communityId = url.searchParams.get('community') ?? '';
	const unit = UNIT_ID.test(communityId) ? await services().stores.org.unit(communityId) : null;
	if (unit?.kind !== 'community') return json({ error: 'not_found' }, { status: 404 });
	return json(await services().demands.lists(locals.user.id, communityId), { headers: NO_STORE });
};

/** Files a demand. The client makes its id, so a retry after a lost answer is stored once. */
export const POST: RequestHandler = async ({ locals, request }) => {
	if (!locals.user) return json({ error: 'Unauthorized' }, { status: 401 });
	const body = await jsonBody(request);
	if (!body) return json({ error: 'invalid' }, { status: 400 });
	try {
		const demand = await services().demands.file(locals.user.id, body);
		return json({ demand }, { headers: NO_STORE });
	} catch (e) {
		return demandErrorResponse(e);
	}
};
