import { json } from '@sveltejs/kit';
import { jsonBody, NO_STORE } from '$lib/server/demandApi';
import { projectErrorResponse } from '$lib/server/projectApi';
import { services } from '$lib/server/services';
import type { RequestHandler } from './$types';

/** The project's server records as the viewer may see them; 404 exactly as if unknown. */
export const GET: RequestHandler = async ({ locals, params }) => {
	if (!locals.user) return json({ error: 'Unauthorized' }, { status: 401 });
	try {
		return json(await services().projects.view(locals.user.id, params.id), { headers: NO_STORE });
	} catch (e) {
		return projectErrorResponse(e);
	}
};

/**
 * `{ action: 'move', to, reason? }` or `{ action: 'revise', reason }`. Nothing else in the body
 * is read: the pledge and the tasks come from the server's copy of the board.
 */
export const POST: RequestHandler = async ({ locals, params, request }) => {
	if (!locals.user) return json({ error: 'Unauthorized' }, { status: 401 });
	const body = await jsonBody(request);
	if (!body) return json({ error: 'invalid' }, { status: 400 });
	const { projects } = services();
	try {
		if (body.action === 'move')
			await projects.move(locals.user.id, params.id, body.to, body.reason);
		else if (body.action === 'revise')
			await projects.revise(locals.user.id, params.id, body.reason);
		else {
			// Answer an unknown or unreadable project as not_found first, like any other request.
			await projects.view(locals.user.id, params.id);
			return json({ error: 'invalid' }, { status: 400 });
		}
		return json(await projects.view(locals.user.id, params.id), { headers: NO_STORE });
	} catch (e) {
		return projectErrorResponse(e);
	}
};
