import { error } from '@sveltejs/kit';
import { auditPage } from '$lib/server/auditEntries';
import { requireUser } from '$lib/server/requireUser';
import { services } from '$lib/server/services';
import type { PageServerLoad } from './$types';

/**
 * The audit log of the districts this user administers: entries about any of their units, and
 * the account-level ones (logins, password changes) that have no unit. Anyone else: 404.
 */
export const load: PageServerLoad = async ({ locals, url }) => {
	const { user } = requireUser(locals, url);
	const { access } = services();
	const districts = await access.districtsFor(user.id, 'read_audit');
	if (districts.length === 0) error(404, 'Not Found');
	const scopes: string[] = [];
	for (const d of districts) for (const u of await access.unitsUnder(d.id)) scopes.push(u.id);
	return {
		districts: districts.map((d) => ({ id: d.id, name: d.name, nameEn: d.nameEn })),
		...(await auditPage(scopes, true, url.searchParams.get('before')))
	};
};
