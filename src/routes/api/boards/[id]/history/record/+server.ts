import { json } from '@sveltejs/kit';
import { historyJson } from '$lib/server/historyApi';
import { services } from '$lib/server/services';
import type { RequestHandler } from './$types';

/**
 * The server's record of every change it accepted on the board (hash, author, server time) and
 * its copy's heads: what a reader's client checks its own copy against. Board readers only.
 */
export const GET: RequestHandler = async ({ locals, params }) => {
	if (!locals.user) return json({ error: 'Unauthorized' }, { status: 401 });
	const userId = locals.user.id;
	return historyJson(() => services().history.record(userId, params.id));
};
