import { json } from '@sveltejs/kit';
import { NO_STORE } from '$lib/server/demandApi';
import type { RequestHandler } from './$types';

/**
 * Any /api path no endpoint serves (an empty or mangled id included) answers like the API does,
 * JSON with a code, whatever the method and whoever asks, instead of the HTML error page a
 * script cannot read.
 */
export const fallback: RequestHandler = () =>
	json({ error: 'not_found' }, { status: 404, headers: NO_STORE });
