import { error } from '@sveltejs/kit';
import { isAgendaId } from '$lib/domain/agenda';
import { loadDocPage } from '$lib/server/docPageData';
import { services } from '$lib/server/services';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, params, url }) => {
	if (!isAgendaId(params.id)) error(404, 'Not Found');
	const page = await loadDocPage(locals, params.id, 'agenda', url.pathname);
	// The meeting it belongs to (if any), read after the access check: which revision this is and
	// whether it is closed to edits, so the page can say why it is read-only.
	const bound = await services().stores.meetings.byAgenda(params.id);
	const meeting = bound && {
		id: bound.meeting.id,
		title: bound.meeting.title,
		revision: bound.revision,
		current: bound.meeting.agendaId === params.id,
		state: bound.meeting.state
	};
	// What the item controls offer this viewer (links and owners), from server rows.
	const choices = (await services().agendaItems.choices(page.me.id, params.id)) ?? {
		links: [],
		people: [],
		names: {}
	};
	return { ...page, meeting, choices };
};
