import { json } from '@sveltejs/kit';
import { jsonBody, NO_STORE } from '$lib/server/demandApi';
import { resourceErrorResponse } from '$lib/server/resourceApi';
import { services } from '$lib/server/services';
import type { RequestHandler } from './$types';

/** The board's resource requests as the viewer may see them, and the items it may ask for. */
export const GET: RequestHandler = async ({ locals, params }) => {
	if (!locals.user) return json({ error: 'Unauthorized' }, { status: 401 });
	try {
		return json(await services().resources.boardView(locals.user.id, params.id), {
			headers: NO_STORE
		});
	} catch (e) {
		return resourceErrorResponse(e);
	}
};

/**
 * One step on a request of this board: `{ action: 'request', resourceId, note }`,
 * `{ action: 'withdraw', requestId }`, `{ action: 'decide', requestId, decision, comment }`.
 * Answers with the updated view (201 for a new request).
 */
export const POST: RequestHandler = async ({ locals, params, request }) => {
	if (!locals.user) return json({ error: 'Unauthorized' }, { status: 401 });
	const body = await jsonBody(request, 8 * 1024);
	const { resources, stores } = services();
	const userId = locals.user.id;
	const boardId = params.id;
	try {
		// Check the board first: an outsider learns nothing, not even which actions exist. Whoever
		// may decide a request may read its board (the item's unit is above the board's community).
		await resources.board(userId, boardId);
		if (!body)
			return json({ error: 'invalid', reason: 'body' }, { status: 400, headers: NO_STORE });
		// A request id from another board is not this board's: as if it did not exist.
		if (typeof body.requestId === 'string') {
			const r = await stores.resources.request(body.requestId);
			if (r && r.boardId !== boardId)
				return json({ error: 'not_found' }, { status: 404, headers: NO_STORE });
		}
		let status = 200;
		switch (body.action) {
			case 'request':
				await resources.request(userId, boardId, body.resourceId, body.note);
				status = 201;
				break;
			case 'withdraw':
				await resources.withdraw(userId, body.requestId);
				break;
			case 'decide':
				await resources.decide(userId, body.requestId, body.decision, body.comment);
				break;
			default:
				return json({ error: 'invalid', reason: 'action' }, { status: 400, headers: NO_STORE });
		}
		const view = await resources.boardView(userId, boardId).catch(() => null);
		return json(view ?? { done: true }, { status, headers: NO_STORE });
	} catch (e) {
		return resourceErrorResponse(e);
	}
};
