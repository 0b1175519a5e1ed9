import { error } from '@sveltejs/kit';
import { loadDocPage } from '$lib/server/docPageData';
import { services } from '$lib/server/services';
import type { PageServerLoad } from './$types';

// Automerge document ids are base58: refuse anything else before a lookup.
const BOARD_ID = /^[1-9A-HJ-NP-Za-km-z]{10,64}$/;

export const load: PageServerLoad = async ({ locals, params, url }) => {
	if (!BOARD_ID.test(params.id)) error(404, 'Not Found');
	const page = await loadDocPage(locals, params.id, 'board', url.pathname);
	// Evaluation records are server rows, loaded with the page (never read from the board).
	return { ...page, evaluation: await services().evaluation.view(page.me.id, params.id) };
};
