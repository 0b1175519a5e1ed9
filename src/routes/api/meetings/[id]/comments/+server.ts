import { json } from '@sveltejs/kit';
import { commentErrorResponse, COMMENT_BODY_BYTES } from '$lib/server/commentApi';
import { jsonBody, NO_STORE } from '$lib/server/demandApi';
import { services } from '$lib/server/services';
import type { RequestHandler } from './$types';

/** The meeting's comments as this reader may see them, and what they may do; 404 as if unknown. */
export const GET: RequestHandler = async ({ locals, params }) => {
	if (!locals.user) return json({ error: 'Unauthorized' }, { status: 401 });
	try {
		const snapshot = await services().comments.service.list(locals.user.id, params.id);
		return json(snapshot, { headers: NO_STORE });
	} catch (e) {
		return commentErrorResponse(e);
	}
};

/**
 * A new comment or reply: `{ clientKey, body, itemId?, anchor?: { start, end }, quote?,
 * parentId?, mentions? }`. The author is the session's user. 201 when stored now, 200 when this
 * client key was stored before (an offline comment sent again).
 */
export const POST: RequestHandler = async ({ locals, params, request }) => {
	if (!locals.user) return json({ error: 'Unauthorized' }, { status: 401 });
	const body = await jsonBody(request, COMMENT_BODY_BYTES);
	try {
		const { service } = services().comments;
		if (!body) {
			// Unknown and unreadable meetings answer 404 first, like any other request.
			await service.viewer(locals.user.id, params.id);
			return json({ error: 'invalid', reason: 'body' }, { status: 400, headers: NO_STORE });
		}
		const { comment, created } = await service.post(locals.user.id, params.id, body);
		return json({ comment, created }, { status: created ? 201 : 200, headers: NO_STORE });
	} catch (e) {
		return commentErrorResponse(e);
	}
};
