import type { LayoutServerLoad } from './$types';

export const load: LayoutServerLoad = ({ locals, url }) => ({
	user: locals.user
		? { displayName: locals.user.displayName, username: locals.user.username }
		: null,
	locale: locals.locale,
	largeText: locals.largeText,
	// Where the language and text-size forms send the browser back to.
	here: url.pathname + url.search
});
