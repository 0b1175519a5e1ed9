import { error } from '@sveltejs/kit';
import { isAgendaId } from '$lib/domain/agenda';
import { loadDocPage } from '$lib/server/docPageData';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, params, url }) => {
	if (!isAgendaId(params.id)) error(404, 'Not Found');
	return loadDocPage(locals, params.id, 'agenda', url.pathname);
};
