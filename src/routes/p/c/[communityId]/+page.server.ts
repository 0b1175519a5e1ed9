import { error } from '@sveltejs/kit';
import { services } from '$lib/server/services';
import type { PageServerLoad } from './$types';

const UNIT_ID = /^[A-Za-z0-9_-]{1,64}$/;

/** A community's public noticeboard: its published projects, for anyone (no session). */
export const load: PageServerLoad = async ({ params, setHeaders }) => {
	if (!UNIT_ID.test(params.communityId)) error(404, 'Not Found');
	const community = await services().publicProjects.community(params.communityId);
	if (!community) error(404, 'Not Found');
	setHeaders({ 'cache-control': 'private, no-cache' });
	return { community };
};
