import { json } from '@sveltejs/kit';
import { jsonBody, NO_STORE } from '$lib/server/demandApi';
import { projectErrorResponse } from '$lib/server/projectApi';
import { services } from '$lib/server/services';
import type { RequestHandler } from './$types';

/** Starts a project: `{ communityId, title, level?, category? }` or `{ communityId, problemId }`. */
export const POST: RequestHandler = async ({ locals, request }) => {
	if (!locals.user) return json({ error: 'Unauthorized' }, { status: 401 });
	const body = await jsonBody(request);
	if (!body || typeof body.communityId !== 'string')
		return json({ error: 'invalid' }, { status: 400 });
	const { projects } = services();
	try {
		const boardId =
			typeof body.problemId === 'string'
				? await projects.fromProblem(locals.user.id, body.communityId, body.problemId)
				: await projects.create(locals.user.id, {
						communityId: body.communityId,
						title: typeof body.title === 'string' ? body.title : '',
						level: body.level,
						category: body.category
					});
		return json({ boardId }, { status: 201, headers: NO_STORE });
	} catch (e) {
		return projectErrorResponse(e);
	}
};
