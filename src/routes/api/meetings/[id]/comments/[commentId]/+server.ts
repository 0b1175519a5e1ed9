import { json } from '@sveltejs/kit';
import { commentErrorResponse, COMMENT_BODY_BYTES } from '$lib/server/commentApi';
import { jsonBody, NO_STORE } from '$lib/server/demandApi';
import { services } from '$lib/server/services';
import type { RequestHandler } from './$types';

/**
 * One comment: `{ action: 'edit', body, mentions? }` and `{ action: 'delete' }` (the author's
 * own only), `{ action: 'resolve', resolved }` (its author, a committee member or the
 * secretary), `{ action: 'hide', reason }` (the secretary, logged).
 */
export const POST: RequestHandler = async ({ locals, params, request }) => {
	if (!locals.user) return json({ error: 'Unauthorized' }, { status: 401 });
	const userId = locals.user.id;
	const body = await jsonBody(request, COMMENT_BODY_BYTES);
	const { service } = services().comments;
	const { id, commentId } = params;
	try {
		if (body?.action === 'edit') await service.edit(userId, id, commentId, body);
		else if (body?.action === 'delete') await service.remove(userId, id, commentId);
		else if (body?.action === 'resolve')
			await service.resolve(userId, id, commentId, body.resolved);
		else if (body?.action === 'hide') await service.hide(userId, id, commentId, body.reason);
		else {
			// Unknown and unreadable meetings answer 404 first, like any other request.
			await service.viewer(userId, id);
			return json({ error: 'invalid', reason: 'action' }, { status: 400, headers: NO_STORE });
		}
		return json({ done: true }, { headers: NO_STORE });
	} catch (e) {
		return commentErrorResponse(e);
	}
};
