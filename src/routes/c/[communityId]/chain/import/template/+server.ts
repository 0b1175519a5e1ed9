import { chainUnitFor } from '$lib/server/chainPages';
import { requireUser } from '$lib/server/requireUser';
import { services } from '$lib/server/services';
import type { RequestHandler } from './$types';

/** The import's template: the header row and one example, CSV with a BOM so Excel shows Chinese. */
export const GET: RequestHandler = async ({ locals, url, params }) => {
	const { user } = requireUser(locals, url);
	await chainUnitFor(user.id, params.communityId, 'community', 'manage_chain');
	const csv = services().chainImport.template();
	return new Response(csv, {
		headers: {
			'content-type': 'text/csv; charset=utf-8',
			'content-disposition': `attachment; filename="residents-template.csv"; filename*=UTF-8''${encodeURIComponent('居民导入模板.csv')}`,
			'cache-control': 'no-store'
		}
	});
};
