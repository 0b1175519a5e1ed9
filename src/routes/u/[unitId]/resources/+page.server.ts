import { error, fail } from '@sveltejs/kit';
import { formField } from '$lib/server/formField';
import { requireUser } from '$lib/server/requireUser';
import { isResourceRefusal } from '$lib/server/resourceApi';
import { services } from '$lib/server/services';
import type { Actions, PageServerLoad, RequestEvent } from './$types';

/**
 * A unit's resource list (帮帮团 · 资源清单): what its street and district departments offer, for
 * anyone with a role in or around the unit; department representatives add, edit and withdraw
 * items here and answer requests in their inbox. Anyone else gets the same 404 as for a unit
 * that does not exist.
 */
export const load: PageServerLoad = async ({ locals, url, params }) => {
	const { user } = requireUser(locals, url);
	try {
		return { view: await services().resources.unitView(user.id, params.unitId) };
	} catch (e) {
		if (isResourceRefusal(e) && e.code === 'not_found') error(404, 'Not Found');
		throw e;
	}
};

/** Form fields come in longer than any limit so an over-long one is refused, not cut. */
const FIELD_MAX = 4000;
const itemFields = (data: FormData) => ({
	kind: formField(data, 'kind', 20),
	title: formField(data, 'title', FIELD_MAX),
	description: formField(data, 'description', FIELD_MAX),
	department: formField(data, 'department', FIELD_MAX),
	contact: formField(data, 'contact', FIELD_MAX)
});

/** Runs one step; refusals come back to the form with their code, unknown records as 404. */
async function act(event: RequestEvent, run: (userId: string, data: FormData) => Promise<unknown>) {
	const { user } = requireUser(event.locals, event.url);
	const { resources } = services();
	try {
		// The page's own gate first: an outsider gets 404 whatever the action or its fields.
		await resources.unit(user.id, event.params.unitId);
		await run(user.id, await event.request.formData());
		return { done: true };
	} catch (e) {
		if (!isResourceRefusal(e)) throw e;
		if (e.code === 'not_found') error(404, 'Not Found');
		return fail(e.status, { error: e.code, reason: e.reason ?? null });
	}
}

export const actions: Actions = {
	publish: (event) =>
		act(event, (userId, data) =>
			services().resources.publish(userId, event.params.unitId, itemFields(data))
		),
	edit: (event) =>
		act(event, (userId, data) =>
			services().resources.edit(userId, formField(data, 'id', 100), itemFields(data))
		),
	withdraw: (event) =>
		act(event, (userId, data) =>
			services().resources.setActive(userId, formField(data, 'id', 100), false)
		),
	restore: (event) =>
		act(event, (userId, data) =>
			services().resources.setActive(userId, formField(data, 'id', 100), true)
		),
	decide: (event) =>
		act(event, (userId, data) =>
			services().resources.decide(
				userId,
				formField(data, 'requestId', 100),
				formField(data, 'decision', 20),
				formField(data, 'comment', FIELD_MAX)
			)
		)
};
