import { json } from '@sveltejs/kit';
import { jsonBody, NO_STORE } from '$lib/server/demandApi';
import { evaluationErrorResponse } from '$lib/server/evaluationApi';
import { services } from '$lib/server/services';
import type { RequestHandler } from './$types';

/** One survey as the viewer sees it: aggregated results and their own vote, never anyone else's. */
export const GET: RequestHandler = async ({ locals, params }) => {
	if (!locals.user) return json({ error: 'Unauthorized' }, { status: 401 });
	try {
		const { survey } = await services().evaluation.survey(locals.user.id, params.id);
		const view = await services().evaluation.view(locals.user.id, survey.boardId);
		return json(
			view.surveys.find((s) => s.id === survey.id),
			{ headers: NO_STORE }
		);
	} catch (e) {
		return evaluationErrorResponse(e);
	}
};

/** `{ action: 'vote', choice, comment? }` (a resident of the electorate) or `{ action: 'close' }`. */
export const POST: RequestHandler = async ({ locals, params, request }) => {
	if (!locals.user) return json({ error: 'Unauthorized' }, { status: 401 });
	const body = await jsonBody(request);
	if (!body) return json({ error: 'invalid' }, { status: 400 });
	const ev = services().evaluation;
	try {
		if (body.action === 'vote') await ev.vote(locals.user.id, params.id, body.choice, body.comment);
		else if (body.action === 'close') await ev.close(locals.user.id, params.id);
		else {
			await ev.survey(locals.user.id, params.id);
			return json({ error: 'invalid' }, { status: 400, headers: NO_STORE });
		}
		const { survey } = await ev.survey(locals.user.id, params.id);
		const view = await ev.view(locals.user.id, survey.boardId);
		return json(
			view.surveys.find((s) => s.id === survey.id),
			{ headers: NO_STORE }
		);
	} catch (e) {
		return evaluationErrorResponse(e);
	}
};
