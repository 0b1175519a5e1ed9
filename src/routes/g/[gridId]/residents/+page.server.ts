import { fail } from '@sveltejs/kit';
import { audit } from '$lib/server/audit';
import { chainUnitFor, pendingIn } from '$lib/server/chainPages';
import { formField } from '$lib/server/formField';
import { requireUser } from '$lib/server/requireUser';
import { services } from '$lib/server/services';
import type { Actions, PageServerLoad, RequestEvent } from './$types';

/**
 * A grid's residents waiting for confirmation, for its grid leader (and the secretary above):
 * a leader of another grid gets the 404 of a grid that does not exist.
 */
async function guard(event: RequestEvent) {
	const { user } = requireUser(event.locals, event.url);
	const grid = await chainUnitFor(user.id, event.params.gridId, 'grid', 'confirm_resident');
	return { user, grid };
}

export const load: PageServerLoad = async (event) => {
	const { grid } = await guard(event);
	const { stores } = services();
	return {
		grid: { id: grid.id, name: grid.name, nameEn: grid.nameEn },
		pending: await pendingIn([grid]),
		residents: (await stores.residents.inGrid(grid.id, 'active')).length
	};
};

export const actions: Actions = {
	confirm: async (event) => {
		const { user, grid } = await guard(event);
		const userId = formField(await event.request.formData(), 'userId', 128);
		const { stores, registration } = services();
		const done = await registration.confirm(userId, grid.id, user.id);
		if (!done) return fail(400, { error: 'notPending' as const });
		await audit(user.id, 'resident_confirmed', `user:${userId}`, done.communityId, {
			grid: grid.id
		});
		return { confirmed: (await stores.users.byId(userId))?.displayName ?? '' };
	},
	/** Turns a pending registration down (optional reason, audited); the account is disabled. */
	reject: async (event) => {
		const { user, grid } = await guard(event);
		const form = await event.request.formData();
		const userId = formField(form, 'userId', 128);
		const reason = formField(form, 'reason', 200).trim();
		const { stores, registration } = services();
		const done = await registration.reject(userId, grid.id);
		if (!done) return fail(400, { error: 'notPending' as const });
		await audit(user.id, 'resident_rejected', `user:${userId}`, done.communityId, {
			grid: grid.id,
			...(reason ? { reason } : {})
		});
		return { rejected: (await stores.users.byId(userId))?.displayName ?? '' };
	}
};
