import { json } from '@sveltejs/kit';
import { historyJson } from '$lib/server/historyApi';
import { services } from '$lib/server/services';
import type { RequestHandler } from './$types';

/** The board's timeline as the history page shows it (newest first), for board readers. */
export const GET: RequestHandler = async ({ locals, params }) => {
	if (!locals.user) return json({ error: 'Unauthorized' }, { status: 401 });
	const userId = locals.user.id;
	return historyJson(() => services().history.timeline(userId, params.id));
};
