import { agendaHeading, versionsAction, versionsLoad } from '$lib/server/agendaVersionPages';
import { requireUser } from '$lib/server/requireUser';
import { services } from '$lib/server/services';
import type { Actions, PageServerLoad } from './$types';

/**
 * One named version beside the agenda's current text, both read from the server's copy, with
 * the blocks that differ marked. `restore` saves the current text as a version and hands the
 * chosen version's state to the restoring client, which applies it as its own edit.
 */
export const load: PageServerLoad = async ({ locals, params, url }) => {
	const { user } = requireUser(locals, url);
	return versionsLoad(params.id, async () => {
		const view = await services().agendaVersions.view(user.id, params.id, params.versionId);
		return {
			...view,
			me: { id: user.id, name: user.displayName },
			...(await agendaHeading(params.id))
		};
	});
};

export const actions: Actions = {
	restore: (event) =>
		versionsAction(event, (userId) =>
			services().agendaVersions.restore(userId, event.params.id, event.params.versionId)
		)
};
