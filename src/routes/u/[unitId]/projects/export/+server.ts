import { error } from '@sveltejs/kit';
import { overviewData, unitOverviewGuard } from '$lib/server/projectOverview';
import { exportResponse } from '$lib/server/projectOverviewExport';
import { services } from '$lib/server/services';
import type { RequestHandler } from './$types';

/** The district (or street) overview's project list as Excel or CSV, same filters and gate. */
export const GET: RequestHandler = async ({ locals, url, params }) => {
	const { user, unit, scope, communities } = await unitOverviewGuard(locals, url, params.unitId);
	const format = url.searchParams.get('format');
	// After the gate: someone who may not see the overview learns nothing from a 400.
	if (format !== 'csv' && format !== 'xlsx') error(400, 'Bad format');
	const overview = await overviewData(communities, scope, url, { communities: false });
	return exportResponse({
		userId: user.id,
		unit,
		overview,
		format,
		locale: locals.locale,
		origin: services().config.origin ?? url.origin
	});
};
