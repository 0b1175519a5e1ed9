import { error } from '@sveltejs/kit';
import { services } from '$lib/server/services';
import type { RequestHandler } from './$types';

/**
 * A stored photo, only for someone who may see a demand it belongs to or a board it is attached
 * to, and, for a board whose project is published, for anyone, logged in or not (the public
 * pledge page shows progress photos). 404 otherwise, as for an unknown id. Served as the type
 * its bytes were sniffed as, never sniffed again by the browser, inline, under a CSP that lets
 * nothing in it run.
 */
export const GET: RequestHandler = async ({ locals, params }) => {
	const userId = locals.user?.id ?? null;
	const { demands, boards } = services();
	const found =
		(userId ? await demands.photos.read(userId, params.id) : null) ??
		(await boards.files.read(userId, params.id));
	if (!found) error(404, 'Not found');
	return new Response(new Uint8Array(found.bytes), {
		headers: {
			'content-type': found.meta.type,
			'content-length': String(found.bytes.byteLength),
			'x-content-type-options': 'nosniff',
			'content-disposition': 'inline',
			'content-security-policy': "default-src 'none'; img-src 'self'; sandbox",
			'cache-control': 'private, max-age=3600'
		}
	});
};
