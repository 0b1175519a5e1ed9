import { requireUser } from '$lib/server/requireUser';
import { services } from '$lib/server/services';
import type { Actions, PageServerLoad } from './$types';

const PAGE = 50;

/** The user's own notifications, newest first, each linking to its demand. */
export const load: PageServerLoad = async ({ locals, url }) => {
	const { user } = requireUser(locals, url);
	const { notifications } = services().stores;
	return { items: await notifications.forUser(user.id, PAGE) };
};

export const actions: Actions = {
	/** Marks all of the user's notifications read (the bell's count goes to zero). */
	readAll: async ({ locals, url }) => {
		const { user } = requireUser(locals, url);
		await services().stores.notifications.markRead(user.id, Number.MAX_SAFE_INTEGER, Date.now());
		return { done: true };
	}
};
