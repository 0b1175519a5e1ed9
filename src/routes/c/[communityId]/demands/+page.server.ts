import { demandCommunity, demandRow } from '$lib/server/demandPages';
import { services } from '$lib/server/services';
import type { PageServerLoad } from './$types';

/** The user's demand tabs in one community; each tab only what they may see. */
export const load: PageServerLoad = async ({ locals, url, params }) => {
	const { user, community } = await demandCommunity(locals, url, params.communityId);
	const { demands } = services();
	const lists = await demands.lists(user.id, community.id);
	const now = demands.now();
	const rows = (list: typeof lists.mine) => list.map((d) => demandRow(d, now));
	return {
		userId: user.id,
		community: { id: community.id, name: community.name, nameEn: community.nameEn },
		tabs: {
			mine: rows(lists.mine),
			queue: rows(lists.queue),
			assigned: rows(lists.assigned),
			offered: rows(lists.offered)
		},
		canFile: lists.canFile
	};
};
