import { error } from '@sveltejs/kit';
import { canDoWithDemands } from '$lib/domain/policy';
import { demandCommunity } from '$lib/server/demandPages';
import { services } from '$lib/server/services';
import type { ResidentStore } from '../../../../../../server/storage/ResidentStore';
import type { PageServerLoad } from './$types';

/**
 * The filing form: the community's grids and their buildings to pick the place from, defaulting
 * to where the resident lives when the chain knows it. The page itself files nothing: the
 * browser keeps the demand in its outbox and sends it (so it works offline).
 */
export const load: PageServerLoad = async ({ locals, url, params }) => {
	const { user, community } = await demandCommunity(locals, url, params.communityId);
	const { stores, access } = services();
	const grids = [];
	let mayFile = false;
	let mayFileForOther = false;
	for (const g of await stores.org.children(community.id)) {
		if (g.kind !== 'grid') continue;
		const roles = await access.rolesIn(user.id, g.id);
		mayFile ||= canDoWithDemands('file', roles);
		mayFileForOther ||= canDoWithDemands('file_for_other', roles);
		const buildings = (await stores.org.children(g.id)).filter((b) => b.kind === 'building');
		grids.push({
			id: g.id,
			name: g.name,
			nameEn: g.nameEn,
			buildings: buildings.map((b) => ({ id: b.id, name: b.name, nameEn: b.nameEn }))
		});
	}
	if (!mayFile && !mayFileForOther) error(404, 'Not Found');
	// The residents table belongs to the chain work; read it when this server has it.
	const residents = (stores as typeof stores & { residents?: ResidentStore }).residents;
	const home = residents ? await residents.get(user.id) : null;
	const homeHere = home?.communityId === community.id ? home : null;
	return {
		userId: user.id,
		community: { id: community.id, name: community.name, nameEn: community.nameEn },
		grids,
		defaultGridId: homeHere?.gridId ?? grids[0]?.id ?? '',
		defaultBuildingId: homeHere?.buildingId ?? '',
		mayFile,
		mayFileForOther
	};
};
