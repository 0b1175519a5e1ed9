import { error, fail } from '@sveltejs/kit';
import { audit } from '$lib/server/audit';
import { formField } from '$lib/server/formField';
import { requireUser } from '$lib/server/requireUser';
import { services } from '$lib/server/services';
import type { Unit } from '../../../server/storage/types';
import type { Actions, PageServerLoad, RequestEvent } from './$types';

/** The districts this user administers, or the 404 anyone else gets. */
async function guard(event: RequestEvent) {
	const { user } = requireUser(event.locals, event.url);
	const districts = await services().access.districtsFor(user.id, 'manage_accounts');
	if (districts.length === 0) error(404, 'Not Found');
	return { user, districts };
}

/** Every account with a role somewhere in these districts, with the district it was found in. */
async function accountsIn(districts: Unit[]) {
	const { access, stores } = services();
	const found = new Map<string, { districtId: string; roles: Set<string> }>();
	for (const d of districts) {
		for (const unit of await access.unitsUnder(d.id)) {
			for (const ms of await stores.org.membersOf(unit.id)) {
				const entry = found.get(ms.userId) ?? { districtId: d.id, roles: new Set() };
				entry.roles.add(ms.role);
				found.set(ms.userId, entry);
			}
		}
	}
	return found;
}

export const load: PageServerLoad = async (event) => {
	const { user, districts } = await guard(event);
	const { stores } = services();
	const found = await accountsIn(districts);
	const accounts = [];
	for (const [userId, { roles }] of found) {
		const u = await stores.users.byId(userId);
		if (!u) continue;
		accounts.push({
			id: u.id,
			username: u.username,
			displayName: u.displayName,
			disabled: u.disabled,
			roles: [...roles].sort()
		});
	}
	accounts.sort((a, b) => a.username.localeCompare(b.username));
	return {
		me: user.id,
		districts: districts.map((d) => ({ id: d.id, name: d.name, nameEn: d.nameEn })),
		accounts
	};
};

/**
 * Disabling ends every session of the account (which closes its sockets with 4401) and tells
 * the endpoints to re-check it; the login form then answers it as it answers a wrong password.
 */
async function setDisabled(event: RequestEvent, disabled: boolean) {
	const { user, districts } = await guard(event);
	const userId = formField(await event.request.formData(), 'userId', 128);
	const { stores, sessions, access } = services();
	const inDistrict = (await accountsIn(districts)).get(userId);
	const target = inDistrict ? await stores.users.byId(userId) : null;
	if (!inDistrict || !target) return fail(404, { error: 'notFound' as const });
	if (userId === user.id) return fail(400, { error: 'notSelf' as const });
	await stores.users.setDisabled(userId, disabled);
	if (disabled) await sessions.invalidateUser(userId);
	access.changed(userId);
	await audit(
		user.id,
		disabled ? 'account_disabled' : 'account_enabled',
		`user:${userId}`,
		inDistrict.districtId
	);
	return { changed: { name: target.displayName, disabled } };
}

export const actions: Actions = {
	disable: (event) => setDisabled(event, true),
	enable: (event) => setDisabled(event, false)
};
