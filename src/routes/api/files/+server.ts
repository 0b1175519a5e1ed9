import { json } from '@sveltejs/kit';
import { MAX_PHOTO_BYTES } from '$lib/domain/demands';
import { boardFileErrorResponse } from '$lib/server/boardFileApi';
import { demandErrorResponse, NO_STORE } from '$lib/server/demandApi';
import { services } from '$lib/server/services';
import type { RequestHandler } from './$types';

/** Multipart framing around one photo is small; anything bigger than this is refused unread. */
const MAX_BODY = MAX_PHOTO_BYTES + 64 * 1024;

/**
 * A photo of a demand: `POST /api/files?demand=<id>&stage=filed|resolved`, the image as the raw
 * body or as the `file` field of a multipart form. It is stored in the demand's community with
 * its metadata (GPS included) stripped. Answers `{ id, type, size }`.
 *
 * A progress photo of a board: `POST /api/files?board=<id>`, by a writer of the board; stored in
 * the board's community, stripped the same way, and readable by nobody until the writer attaches
 * it (`POST /api/boards/<id>/files`).
 */
export const POST: RequestHandler = async ({ locals, request, url }) => {
	if (!locals.user) return json({ error: 'Unauthorized' }, { status: 401 });
	const boardId = url.searchParams.get('board');
	const demandId = url.searchParams.get('demand') ?? '';
	const stage = url.searchParams.get('stage') ?? 'filed';
	if (stage !== 'filed' && stage !== 'resolved') return json({ error: 'invalid' }, { status: 400 });
	if (Number(request.headers.get('content-length') ?? 0) > MAX_BODY) {
		return json({ error: 'too_large' }, { status: 413 });
	}
	let bytes: Uint8Array;
	if ((request.headers.get('content-type') ?? '').startsWith('multipart/form-data')) {
		const file = (await request.formData()).get('file');
		if (!(file instanceof File)) return json({ error: 'invalid' }, { status: 400 });
		bytes = new Uint8Array(await file.arrayBuffer());
	} else {
		bytes = new Uint8Array(await request.arrayBuffer());
	}
	if (boardId !== null) {
		try {
			const f = await services().boards.files.upload(locals.user.id, boardId, bytes);
			return json({ id: f.id, type: f.type, size: f.size }, { headers: NO_STORE });
		} catch (e) {
			return boardFileErrorResponse(e);
		}
	}
	try {
		const f = await services().demands.photos.add(locals.user.id, demandId, stage, bytes);
		return json({ id: f.id, type: f.type, size: f.size }, { headers: NO_STORE });
	} catch (e) {
		return demandErrorResponse(e);
	}
};
