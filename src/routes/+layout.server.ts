import { services } from '$lib/server/services';
import type { LayoutServerLoad } from './$types';

export const load: LayoutServerLoad = async ({ locals, url }) => ({
	user: locals.user
		? { displayName: locals.user.displayName, username: locals.user.username }
		: null,
	// The bell's count: the user's own unread notifications (re-read on every navigation).
	unread: locals.user ? await services().stores.notifications.unread(locals.user.id) : 0,
	locale: locals.locale,
	largeText: locals.largeText,
	// Where the language and text-size forms send the browser back to.
	here: url.pathname + url.search
});
