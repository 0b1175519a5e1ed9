import { error } from '@sveltejs/kit';
import { loadDocPage } from '$lib/server/docPageData';
import { BOARD_ID, historyPage } from '$lib/server/historyApi';
import { services } from '$lib/server/services';
import type { PageServerLoad } from './$types';

/** The board's timeline, for whoever may read the board (residents too). */
export const load: PageServerLoad = async ({ locals, params, url }) => {
	if (!BOARD_ID.test(params.id)) error(404, 'Not Found');
	const page = await loadDocPage(locals, params.id, 'board', url.pathname);
	const timeline = await historyPage(() => services().history.timeline(page.me.id, params.id));
	return { ...page, timeline };
};
