import { error, redirect } from '@sveltejs/kit';
import { isMeetingRefusal } from '$lib/server/meetingPages';
import { requireUser } from '$lib/server/requireUser';
import { services } from '$lib/server/services';
import type { RequestHandler } from './$types';

/**
 * The community's action list: made on first visit (one per community, by the server) and shown
 * on the board page. Anyone who may not read the community's boards gets a 404.
 */
export const GET: RequestHandler = async ({ locals, params, url }) => {
	const { user } = requireUser(locals, url);
	let boardId: string;
	try {
		boardId = await services().actionLists.ensure(user.id, params.communityId);
	} catch (e) {
		if (isMeetingRefusal(e)) error(404, 'Not Found');
		throw e;
	}
	redirect(303, `/board/${boardId}`);
};
