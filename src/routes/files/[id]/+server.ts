import { error } from '@sveltejs/kit';
import { services } from '$lib/server/services';
import type { RequestHandler } from './$types';

/**
 * A stored photo, only for someone who may see a demand it belongs to (404 otherwise, as for an
 * unknown id). Served as the type its bytes were sniffed as, never sniffed again by the browser,
 * inline, under a CSP that lets nothing in it run.
 */
export const GET: RequestHandler = async ({ locals, params }) => {
	if (!locals.user) error(404, 'Not found');
	const found = await services().demands.photos.read(locals.user.id, params.id);
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
