import { audit } from '$lib/server/audit';
import { services } from '$lib/server/services';
import { clearSessionCookie } from '$lib/server/sessionCookie';
import type { RequestHandler } from './$types';

/**
 * POST only (a GET that logs out could be triggered by any link or image). Ends the session on
 * the server, which also closes its sockets, and asks the browser to drop this site's caches and
 * storage: phones are shared.
 */
export const POST: RequestHandler = async ({ locals, cookies, url }) => {
	if (locals.session) {
		await services().sessions.invalidate(locals.session);
		await audit(locals.session.userId, 'logout', `user:${locals.session.userId}`, null);
	}
	clearSessionCookie(cookies, url);
	return new Response(null, {
		status: 303,
		headers: { location: '/login', 'clear-site-data': '"cache", "storage"' }
	});
};
