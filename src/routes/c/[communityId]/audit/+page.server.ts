import { error } from '@sveltejs/kit';
import { auditPage } from '$lib/server/auditEntries';
import { requireUser } from '$lib/server/requireUser';
import { services } from '$lib/server/services';
import type { PageServerLoad } from './$types';

/**
 * The community's part of the audit log, for those the policy lets read it (its secretary).
 * Anyone else gets the same 404 as for a community that does not exist.
 */
export const load: PageServerLoad = async ({ locals, url, params }) => {
	const { user } = requireUser(locals, url);
	const { access, stores } = services();
	const community = await stores.org.unit(params.communityId);
	if (!community || community.kind !== 'community') error(404, 'Not Found');
	if (!(await access.can(user.id, 'read_audit', community.id))) error(404, 'Not Found');
	const scopes = (await access.unitsUnder(community.id)).map((u) => u.id);
	return {
		community: { id: community.id, name: community.name, nameEn: community.nameEn },
		...(await auditPage(scopes, false, url.searchParams.get('before')))
	};
};
