import { error } from '@sveltejs/kit';
import type { Demand } from '$lib/domain/demands';
import { requireUser } from './requireUser';
import { services } from './services';

/**
 * A demand page of a community: the logged-in user and the community, or the same 404 for a
 * community that does not exist and for one the user has no place in.
 */
export async function demandCommunity(locals: App.Locals, url: URL, communityId: string) {
	const { user } = requireUser(locals, url);
	const { access, stores } = services();
	const community = await stores.org.unit(communityId);
	if (community?.kind !== 'community') error(404, 'Not Found');
	const mine = await access.communitiesOf(user.id);
	if (!mine.some((c) => c.id === communityId)) error(404, 'Not Found');
	return { user, community };
}

/** What a list row shows; the demand already shaped by the viewer's view. */
export function demandRow(d: Demand, now: number) {
	const deadline = d.takeBy ?? d.resolveBy;
	return {
		id: d.id,
		category: d.category,
		description: d.description.length > 80 ? `${d.description.slice(0, 80)}…` : d.description,
		state: d.state,
		level: d.level,
		urgent: d.urgent,
		about: d.about,
		filedAt: d.filedAt,
		overdue: deadline !== null && deadline <= now
	};
}
export type DemandRow = ReturnType<typeof demandRow>;
