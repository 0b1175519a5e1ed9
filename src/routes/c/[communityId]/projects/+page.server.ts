import { communityOverviewGuard, overviewData } from '$lib/server/projectOverview';
import type { PageServerLoad } from './$types';

/**
 * A community's secretary projects at a glance: its committees and secretary see every project,
 * residents (and Party members, volunteers) the published ones only.
 */
export const load: PageServerLoad = async ({ locals, url, params }) => {
	const { unit, scope } = await communityOverviewGuard(locals, url, params.communityId);
	const overview = await overviewData([unit], scope, url, { communities: false });
	return {
		unit: { id: unit.id, name: unit.name, nameEn: unit.nameEn, kind: unit.kind },
		scope,
		overview
	};
};
