import { error } from '@sveltejs/kit';
import { loadDocPage } from '$lib/server/docPageData';
import { BOARD_ID, CHANGE_HASH, historyPage } from '$lib/server/historyApi';
import { services } from '$lib/server/services';
import type { PageServerLoad } from './$types';

/**
 * The board as the server held it right after a recorded change, rendered here (read-only, no
 * sync): same access as the board. A hash the server never recorded is a 404.
 */
export const load: PageServerLoad = async ({ locals, params, url }) => {
	if (!BOARD_ID.test(params.id) || !CHANGE_HASH.test(params.hash)) error(404, 'Not Found');
	const page = await loadDocPage(locals, params.id, 'board', url.pathname);
	const past = await historyPage(() =>
		services().history.asItWas(page.me.id, params.id, params.hash)
	);
	return { ...page, past };
};
