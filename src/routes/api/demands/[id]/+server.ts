import { json } from '@sveltejs/kit';
import { isStepAction } from '$lib/domain/demandSteps';
import { demandErrorResponse, jsonBody, namesFor, NO_STORE } from '$lib/server/demandApi';
import { services } from '$lib/server/services';
import type { RequestHandler } from './$types';

const notFound = () => json({ error: 'not_found' }, { status: 404, headers: NO_STORE });

/** One demand with its steps and photos, as the viewer may see it; 404 exactly as if unknown. */
export const GET: RequestHandler = async ({ locals, params }) => {
	if (!locals.user) return json({ error: 'Unauthorized' }, { status: 401 });
	const detail = await services().demands.detail(locals.user.id, params.id);
	if (!detail) return notFound();
	return json(
		{ ...detail, names: await namesFor(detail.demand, detail.events) },
		{ headers: NO_STORE }
	);
};

/** One step: `{ action, to?, text?, rating? }`. */
export const POST: RequestHandler = async ({ locals, params, request }) => {
	if (!locals.user) return json({ error: 'Unauthorized' }, { status: 401 });
	const body = await jsonBody(request);
	const action = body?.action;
	if (!body || !isStepAction(action)) return json({ error: 'invalid' }, { status: 400 });
	try {
		await services().demands.act(locals.user.id, params.id, action, body);
		const detail = await services().demands.detail(locals.user.id, params.id);
		return detail ? json(detail, { headers: NO_STORE }) : notFound();
	} catch (e) {
		return demandErrorResponse(e);
	}
};
