import { fail } from '@sveltejs/kit';
import { normalizeMobile } from '$lib/domain/phone';
import { CHAIN_ROLES, isChainRole, ROLE_UNIT_KIND } from '$lib/domain/roles';
import { audit } from '$lib/server/audit';
import { chainUnitFor, chainUnitIn, pendingIn } from '$lib/server/chainPages';
import { formField } from '$lib/server/formField';
import { requireUser } from '$lib/server/requireUser';
import { services } from '$lib/server/services';
import type { Unit } from '../../../../../server/storage/types';
import type { Actions, PageServerLoad, RequestEvent } from './$types';

const MAX_UNIT_NAME = 40;

/** The secretary's page for the chain: everyone else gets the 404 of an unknown community. */
async function guard(event: RequestEvent) {
	const { user } = requireUser(event.locals, event.url);
	const community = await chainUnitFor(
		user.id,
		event.params.communityId,
		'community',
		'manage_chain'
	);
	return { user, community };
}

const childrenOfKind = async (parentId: string, kind: Unit['kind']) =>
	(await services().stores.org.children(parentId)).filter((u) => u.kind === kind);

/** Holders of each chain role on a unit, with their names. */
async function holders(unitId: string) {
	const { stores } = services();
	const out: { role: (typeof CHAIN_ROLES)[number]; userId: string; name: string }[] = [];
	for (const ms of await stores.org.membersOf(unitId)) {
		if (!isChainRole(ms.role)) continue;
		const u = await stores.users.byId(ms.userId);
		out.push({ role: ms.role, userId: ms.userId, name: u?.displayName ?? ms.userId });
	}
	return out;
}

export const load: PageServerLoad = async (event) => {
	const { community } = await guard(event);
	const { stores } = services();
	const gridUnits = await childrenOfKind(community.id, 'grid');
	const grids = await Promise.all(
		gridUnits.map(async (g) => ({
			id: g.id,
			name: g.name,
			nameEn: g.nameEn,
			residents: (await stores.residents.inGrid(g.id, 'active')).length,
			holders: await holders(g.id),
			buildings: await Promise.all(
				(await childrenOfKind(g.id, 'building')).map(async (b) => ({
					id: b.id,
					name: b.name,
					nameEn: b.nameEn,
					holders: await holders(b.id)
				}))
			)
		}))
	);
	// No list of people: a community has thousands. The pickers search (./people) or take a
	// typed phone number.
	return {
		community: { id: community.id, name: community.name, nameEn: community.nameEn },
		grids,
		pending: await pendingIn(gridUnits),
		residentCount: await stores.residents.count(community.id, 'active')
	};
};

function unitName(data: FormData) {
	const name = formField(data, 'name', 200).trim();
	const nameEn = formField(data, 'nameEn', 200).trim();
	const ok = name && [...name].length <= MAX_UNIT_NAME && [...nameEn].length <= MAX_UNIT_NAME;
	return ok ? { name, nameEn } : null;
}

async function addUnit(event: RequestEvent, kind: 'grid' | 'building') {
	const { user, community } = await guard(event);
	const data = await event.request.formData();
	const names = unitName(data);
	if (!names) return fail(400, { error: 'badName' as const });
	const parent =
		kind === 'grid' ? community : await chainUnitIn(community.id, formField(data, 'gridId', 128));
	if (!parent || (kind === 'building' && parent.kind !== 'grid'))
		return fail(400, { error: 'notFound' as const });
	const { stores, auth } = services();
	if ((await childrenOfKind(parent.id, kind)).some((u) => u.name === names.name))
		return fail(400, { error: 'duplicate' as const });
	const id = `${parent.id}-${kind === 'grid' ? 'g' : 'b'}-${auth.generateToken(5)}`;
	await stores.org.addUnit({ id, parentId: parent.id, kind, ...names });
	await audit(user.id, 'chain_changed', `unit:${id}`, community.id, {
		change: `add_${kind}`,
		...names
	});
	return { added: names.name };
}

/** A chain role on a grid or building, for a member of the community. */
async function roleChange(event: RequestEvent) {
	const { user, community } = await guard(event);
	const data = await event.request.formData();
	const unit = await chainUnitIn(community.id, formField(data, 'unitId', 128));
	const role = formField(data, 'role', 64);
	if (!unit || !isChainRole(role) || !ROLE_UNIT_KIND[role].includes(unit.kind)) return null;
	const userId =
		formField(data, 'userId', 128) || (await byPhone(community.id, formField(data, 'person', 64)));
	const member =
		userId !== null &&
		(await services().stores.org.membershipsOf(userId)).some((m) => m.unitId === community.id);
	return { user, community, unit, role, userId: userId ?? '', member };
}

/**
 * The person a typed phone number names (the picker without JavaScript): the community's
 * resident with that number, or the account whose login it is. Membership is checked after.
 */
async function byPhone(communityId: string, typed: string): Promise<string | null> {
	const phone = normalizeMobile(typed);
	if (!phone) return null;
	const { stores } = services();
	const resident = await stores.residents.byPhone(phone);
	if (resident) return resident.communityId === communityId ? resident.userId : null;
	return (await stores.users.byUsername(phone))?.id ?? null;
}

export const actions: Actions = {
	addGrid: (event) => addUnit(event, 'grid'),
	addBuilding: (event) => addUnit(event, 'building'),

	rename: async (event) => {
		const { user, community } = await guard(event);
		const data = await event.request.formData();
		const unit = await chainUnitIn(community.id, formField(data, 'unitId', 128));
		const names = unitName(data);
		if (!unit) return fail(400, { error: 'notFound' as const });
		if (!names) return fail(400, { error: 'badName' as const });
		await services().stores.org.renameUnit(unit.id, names.name, names.nameEn || unit.nameEn);
		await audit(user.id, 'chain_changed', `unit:${unit.id}`, community.id, {
			change: 'rename',
			from: unit.name,
			to: names.name
		});
		return { renamed: names.name };
	},

	assign: async (event) => {
		const change = await roleChange(event);
		if (!change) return fail(400, { error: 'notFound' as const });
		if (!change.member) return fail(400, { error: 'notMember' as const });
		const { stores, access } = services();
		await stores.org.addMembership({
			userId: change.userId,
			unitId: change.unit.id,
			role: change.role
		});
		access.changed(change.userId);
		await audit(change.user.id, 'chain_changed', `user:${change.userId}`, change.community.id, {
			change: 'assign',
			role: change.role,
			unit: change.unit.name
		});
		return { assigned: true };
	},

	unassign: async (event) => {
		const change = await roleChange(event);
		if (!change) return fail(400, { error: 'notFound' as const });
		const { stores, access } = services();
		if (!(await stores.org.removeMembership(change.userId, change.unit.id, change.role)))
			return fail(400, { error: 'notFound' as const });
		access.changed(change.userId);
		await audit(change.user.id, 'chain_changed', `user:${change.userId}`, change.community.id, {
			change: 'remove',
			role: change.role,
			unit: change.unit.name
		});
		return { unassigned: true };
	},

	confirm: async (event) => {
		const { user, community } = await guard(event);
		const userId = formField(await event.request.formData(), 'userId', 128);
		const { stores, registration } = services();
		const resident = await stores.residents.get(userId);
		if (!resident || resident.communityId !== community.id)
			return fail(400, { error: 'notPending' as const });
		const done = await registration.confirm(userId, resident.gridId, user.id);
		if (!done) return fail(400, { error: 'notPending' as const });
		await audit(user.id, 'resident_confirmed', `user:${userId}`, community.id, {
			grid: done.gridId
		});
		return { confirmed: (await stores.users.byId(userId))?.displayName ?? '' };
	},
	/** The secretary turns down a pending registration anywhere in the community. */
	reject: async (event) => {
		const { user, community } = await guard(event);
		const form = await event.request.formData();
		const userId = formField(form, 'userId', 128);
		const reason = formField(form, 'reason', 200).trim();
		const { stores, registration } = services();
		const resident = await stores.residents.get(userId);
		if (!resident || resident.communityId !== community.id)
			return fail(400, { error: 'notPending' as const });
		const done = await registration.reject(userId, resident.gridId);
		if (!done) return fail(400, { error: 'notPending' as const });
		await audit(user.id, 'resident_rejected', `user:${userId}`, community.id, {
			grid: done.gridId,
			...(reason ? { reason } : {})
		});
		return { rejected: (await stores.users.byId(userId))?.displayName ?? '' };
	}
};
