import { error } from '@sveltejs/kit';
import { services } from '$lib/server/services';
import type { PageServerLoad } from './$types';

// Automerge document ids are base58: refuse anything else before a lookup.
const BOARD_ID = /^[1-9A-HJ-NP-Za-km-z]{10,64}$/;

/**
 * A published project's public page: no session needed, nothing but what the public may read
 * (see PublicProjects). An unpublished project answers exactly as an unknown id.
 */
export const load: PageServerLoad = async ({ params, url, setHeaders }) => {
	if (!BOARD_ID.test(params.id)) error(404, 'Not Found');
	const project = await services().publicProjects.view(params.id);
	if (!project) error(404, 'Not Found');
	// Always asked afresh: a secretary who has just moved the stage and opens the link must not
	// see the old one (rendering is cheap: no JavaScript, one query). Private: the page varies by
	// language cookie. The PDF, which is costly to make, is the one kept for a minute.
	setHeaders({ 'cache-control': 'private, no-cache' });
	return { project, href: url.origin + url.pathname, today: beijingToday() };
};

/** Today in Beijing (YYYY-MM-DD): a pledge is overdue on the day after its deadline there. */
function beijingToday(): string {
	return new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(Date.now());
}
