import { agendaHeading, versionsAction, versionsLoad } from '$lib/server/agendaVersionPages';
import { formField } from '$lib/server/formField';
import { requireUser } from '$lib/server/requireUser';
import { services } from '$lib/server/services';
import type { Actions, PageServerLoad } from './$types';

/**
 * An agenda's named versions: listed for whoever may read the agenda (residents of a published
 * meeting too); saved by those who may write it while it is open. Anyone else gets the 404 an
 * unknown agenda gets.
 */
export const load: PageServerLoad = async ({ locals, params, url }) => {
	const { user } = requireUser(locals, url);
	return versionsLoad(params.id, async () => {
		const list = await services().agendaVersions.list(user.id, params.id);
		return { ...list, ...(await agendaHeading(params.id)) };
	});
};

export const actions: Actions = {
	save: (event) =>
		versionsAction(event, (userId, data) =>
			services().agendaVersions.save(userId, event.params.id, formField(data, 'name', 200))
		)
};
