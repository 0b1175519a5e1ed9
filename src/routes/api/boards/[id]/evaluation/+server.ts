import { json } from '@sveltejs/kit';
import { jsonBody, NO_STORE } from '$lib/server/demandApi';
import { evaluationErrorResponse } from '$lib/server/evaluationApi';
import { services } from '$lib/server/services';
import type { RequestHandler } from './$types';

/** The board's evaluation as the viewer may see it (aggregates, and only their own vote). */
export const GET: RequestHandler = async ({ locals, params }) => {
	if (!locals.user) return json({ error: 'Unauthorized' }, { status: 401 });
	try {
		return json(await services().evaluation.view(locals.user.id, params.id), {
			headers: NO_STORE
		});
	} catch (e) {
		return evaluationErrorResponse(e);
	}
};

/**
 * One evaluation step: `{ action: 'report', text }`, `{ action: 'invite', evaluatorId }`,
 * `{ action: 'sign', verdict, remarks }`, `{ action: 'open_survey', threshold?, days? }`,
 * `{ action: 'rectify', items: string[] }`. Answers with the updated view.
 */
export const POST: RequestHandler = async ({ locals, params, request }) => {
	if (!locals.user) return json({ error: 'Unauthorized' }, { status: 401 });
	const body = await jsonBody(request);
	if (!body) return json({ error: 'invalid' }, { status: 400 });
	const ev = services().evaluation;
	const userId = locals.user.id;
	const id = params.id;
	try {
		switch (body.action) {
			case 'report':
				await ev.publishReport(userId, id, body.text);
				break;
			case 'invite':
				await ev.invite(userId, id, body.evaluatorId);
				break;
			case 'sign':
				await ev.sign(userId, id, body.verdict, body.remarks);
				break;
			case 'open_survey':
				await ev.openSurvey(userId, id, { threshold: body.threshold, days: body.days });
				break;
			case 'rectify':
				await ev.addRectifications(userId, id, body.items);
				break;
			default:
				// Check the board first: an outsider learns nothing, not even which actions exist.
				await ev.board(userId, id);
				return json({ error: 'invalid' }, { status: 400, headers: NO_STORE });
		}
		return json(await ev.view(userId, id), { headers: NO_STORE });
	} catch (e) {
		return evaluationErrorResponse(e);
	}
};
