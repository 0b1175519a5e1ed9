import { json } from '@sveltejs/kit';
import { services } from '$lib/server/services';
import type { RequestHandler } from './$types';

/** The documents the logged-in user may open, with the access they have on each. */
export const GET: RequestHandler = async ({ locals }) => {
	if (!locals.user) return json({ error: 'Unauthorized' }, { status: 401 });
	const docs = await services().access.documents(locals.user.id);
	return json(
		docs.map(({ doc, level }) => ({
			id: doc.id,
			kind: doc.kind,
			title: doc.title,
			communityId: doc.communityId,
			access: level
		})),
		{ headers: { 'cache-control': 'private, no-store' } }
	);
};
