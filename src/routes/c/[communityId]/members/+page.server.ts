import { error, fail } from '@sveltejs/kit';
import { MAX_INVITE_DAYS, MIN_INVITE_DAYS, RESET_CODE_LIFETIME_MS } from '$lib/domain/accounts';
import { canGrant, type CommunityAction } from '$lib/domain/policy';
import { isRole, ROLES } from '$lib/domain/roles';
import { audit } from '$lib/server/audit';
import { formField } from '$lib/server/formField';
import { requireUser } from '$lib/server/requireUser';
import { services } from '$lib/server/services';
import type { Actions, PageServerLoad, RequestEvent } from './$types';

const DAY = 24 * 60 * 60 * 1000;

/**
 * The community's people, for those the policy lets invite. Anyone else gets the same 404 as for
 * a community that does not exist.
 */
async function guard(event: RequestEvent, action: CommunityAction) {
	const { user } = requireUser(event.locals, event.url);
	const { access, stores } = services();
	const communityId = event.params.communityId;
	const community = await stores.org.unit(communityId);
	if (!community || community.kind !== 'community') error(404, 'Not Found');
	if (!(await access.can(user.id, action, communityId))) error(404, 'Not Found');
	return { user, community, roles: await access.rolesIn(user.id, communityId) };
}

function inviteStatus(i: { usedAt: number | null; revokedAt: number | null; expiresAt: number }) {
	if (i.usedAt !== null) return 'used' as const;
	if (i.revokedAt !== null) return 'revoked' as const;
	if (i.expiresAt <= Date.now()) return 'expired' as const;
	return 'active' as const;
}

export const load: PageServerLoad = async (event) => {
	const { user, community, roles } = await guard(event, 'invite');
	const { stores, access } = services();
	const memberships = await stores.org.membersOf(community.id);
	const members = await Promise.all(
		memberships.map(async (ms) => {
			const u = await stores.users.byId(ms.userId);
			return {
				userId: ms.userId,
				username: u?.username ?? '',
				displayName: u?.displayName ?? ms.userId,
				role: ms.role
			};
		})
	);
	const invites = (await stores.invites.invitesFor(community.id)).map((i) => ({
		id: i.id,
		role: i.role,
		expiresAt: i.expiresAt,
		status: inviteStatus(i)
	}));
	return {
		community: { id: community.id, name: community.name, nameEn: community.nameEn },
		// The secretary changes their own password on /account, not with a reset code.
		me: user.id,
		members,
		invites,
		grantable: ROLES.filter((r) => canGrant(roles, r)),
		canIssueResetCodes: await access.can(user.id, 'issue_reset_code', community.id),
		canRemoveRoles: await access.can(user.id, 'remove_role', community.id),
		canReadAudit: await access.can(user.id, 'read_audit', community.id)
	};
};

export const actions: Actions = {
	invite: async (event) => {
		const { user, community, roles } = await guard(event, 'invite');
		const data = await event.request.formData();
		const role = formField(data, 'role', 64);
		const days = Number(formField(data, 'days', 8));
		if (!isRole(role) || !canGrant(roles, role)) return fail(400, { error: 'badRole' as const });
		if (!Number.isInteger(days) || days < MIN_INVITE_DAYS || days > MAX_INVITE_DAYS)
			return fail(400, { error: 'badDays' as const });
		const { stores, auth, config } = services();
		const token = auth.generateToken();
		const now = Date.now();
		const id = auth.hashToken(token);
		await stores.invites.insertInvite({
			id,
			unitId: community.id,
			role,
			createdBy: user.id,
			createdAt: now,
			expiresAt: now + days * DAY,
			usedAt: null,
			usedBy: null,
			revokedAt: null
		});
		await audit(user.id, 'invite_created', `invite:${id}`, community.id, { role, days });
		// The raw token leaves the server only here, once; the database holds its hash.
		const origin = config.origin ?? event.url.origin;
		return { inviteLink: `${origin}/invite/${token}` };
	},

	revoke: async (event) => {
		const { user, community } = await guard(event, 'invite');
		const id = formField(await event.request.formData(), 'id', 128);
		const { stores } = services();
		const invite = await stores.invites.invite(id);
		if (!invite || invite.unitId !== community.id) return fail(404, { error: 'notFound' as const });
		await stores.invites.revokeInvite(id, Date.now());
		await audit(user.id, 'invite_revoked', `invite:${id}`, community.id);
		return { revoked: true };
	},

	resetCode: async (event) => {
		const { user, community } = await guard(event, 'issue_reset_code');
		const userId = formField(await event.request.formData(), 'userId', 128);
		const { stores, auth } = services();
		const memberships = await stores.org.membersOf(community.id);
		const target = memberships.some((ms) => ms.userId === userId)
			? await stores.users.byId(userId)
			: null;
		if (!target) return fail(400, { error: 'notMember' as const });
		// 10 base32 characters (50 bits): short enough to read out over the phone; one use,
		// 24 hours, and /reset is throttled like login.
		const code = auth.generateToken(7).slice(0, 10);
		await stores.invites.insertResetCode({
			id: auth.hashToken(code),
			userId: target.id,
			createdBy: user.id,
			expiresAt: Date.now() + RESET_CODE_LIFETIME_MS,
			usedAt: null
		});
		await audit(user.id, 'reset_code_issued', `user:${target.id}`, community.id);
		return { resetCode: code, resetFor: target.displayName };
	},

	/**
	 * Takes one role away from a member. Only a role the remover could have granted, never one of
	 * the remover's own (a secretary must not lock the community out by accident). Open sockets
	 * re-check at once through access.changed: a removed reader stops syncing within a second.
	 */
	removeRole: async (event) => {
		const { user, community, roles } = await guard(event, 'remove_role');
		const data = await event.request.formData();
		const userId = formField(data, 'userId', 128);
		const role = formField(data, 'role', 64);
		if (!isRole(role) || !canGrant(roles, role) || userId === user.id)
			return fail(400, { error: 'cannotRemove' as const });
		const { stores, access } = services();
		const target = await stores.users.byId(userId);
		if (!target || !(await stores.org.removeMembership(userId, community.id, role)))
			return fail(400, { error: 'notMember' as const });
		access.changed(userId);
		await audit(user.id, 'role_removed', `user:${userId}`, community.id, { role });
		return { removed: { name: target.displayName, role } };
	}
};
