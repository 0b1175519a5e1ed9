import { json } from '@sveltejs/kit';
import { jsonBody, NO_STORE } from '$lib/server/demandApi';
import { services } from '$lib/server/services';
import type { RequestHandler } from './$types';

/** How many of the newest notifications one answer carries. */
const NOTIFICATION_PAGE = 50;

/** The session user's own notifications, newest first, and how many are unread. */
export const GET: RequestHandler = async ({ locals }) => {
	if (!locals.user) return json({ error: 'Unauthorized' }, { status: 401 });
	const { notifications } = services().stores;
	const [items, unread] = await Promise.all([
		notifications.forUser(locals.user.id, NOTIFICATION_PAGE),
		notifications.unread(locals.user.id)
	]);
	return json({ unread, items }, { headers: NO_STORE });
};

/**
 * Marks the user's notifications up to `upTo` (an id from the list) as read; `{ all: true }`
 * marks every one. Only ever the session user's own: the store filters by user.
 */
export const POST: RequestHandler = async ({ locals, request }) => {
	if (!locals.user) return json({ error: 'Unauthorized' }, { status: 401 });
	const body = await jsonBody(request, 1024);
	const upTo = body?.all === true ? Number.MAX_SAFE_INTEGER : body?.upTo;
	if (typeof upTo !== 'number' || !Number.isSafeInteger(upTo) || upTo < 0)
		return json({ error: 'invalid' }, { status: 400 });
	const { notifications } = services().stores;
	await notifications.markRead(locals.user.id, upTo, Date.now());
	return json({ unread: await notifications.unread(locals.user.id) }, { headers: NO_STORE });
};
