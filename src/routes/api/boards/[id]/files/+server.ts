import { json } from '@sveltejs/kit';
import { boardFileErrorResponse } from '$lib/server/boardFileApi';
import { jsonBody, NO_STORE } from '$lib/server/demandApi';
import { services } from '$lib/server/services';
import type { RequestHandler } from './$types';

/**
 * Attaches a photo to a board's progress log: `{ fileId }`, a file the caller uploaded with
 * `POST /api/files?board=<id>`. Only a writer of the board, only for their own file; the
 * attachment (not the id in the document) is what lets the board's readers — and anyone once
 * the project is published — fetch `/files/<fileId>`. Answers `{ fileId, at }`.
 */
export const POST: RequestHandler = async ({ locals, params, request }) => {
	if (!locals.user) return json({ error: 'Unauthorized' }, { status: 401 });
	const body = await jsonBody(request, 1024);
	try {
		const attached = await services().boards.files.attach(locals.user.id, params.id, body?.fileId);
		return json({ fileId: attached.fileId, at: attached.at }, { headers: NO_STORE });
	} catch (e) {
		return boardFileErrorResponse(e);
	}
};
