import { redirect } from '@sveltejs/kit';
import type { Session, User } from '../../../server/storage/types';

/** The logged-in user of a page, or a redirect to the login page that comes back here after. */
export function requireUser(locals: App.Locals, url: URL): { user: User; session: Session } {
	if (!locals.user || !locals.session) {
		redirect(303, `/login?redirectTo=${encodeURIComponent(url.pathname + url.search)}`);
	}
	return { user: locals.user, session: locals.session };
}
