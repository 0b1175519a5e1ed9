import { overviewData, unitOverviewGuard } from '$lib/server/projectOverview';
import type { PageServerLoad } from './$types';

/**
 * The secretary projects of every community below a street or district, for the roles held
 * there (officers, deputies, department representatives): the same figures and list as a
 * community's overview, and a row per community.
 */
export const load: PageServerLoad = async ({ locals, url, params }) => {
	const { unit, scope, communities, streets } = await unitOverviewGuard(locals, url, params.unitId);
	const overview = await overviewData(communities, scope, url, { communities: true, streets });
	return {
		unit: { id: unit.id, name: unit.name, nameEn: unit.nameEn, kind: unit.kind },
		scope,
		overview
	};
};
