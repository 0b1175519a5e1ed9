import { error, fail, redirect } from '@sveltejs/kit';
import { MAX_DISPLAY_NAME_LENGTH, passwordProblem, USERNAME_PATTERN } from '$lib/domain/accounts';
import { canGrant } from '$lib/domain/policy';
import { audit } from '$lib/server/audit';
import { formField } from '$lib/server/formField';
import { services } from '$lib/server/services';
import { startSession } from '$lib/server/sessionCookie';
import type { Invite } from '../../../../server/storage/types';
import type { Actions, PageServerLoad } from './$types';

/** The invite behind a link if it can still be used, else null (used, revoked, expired, unknown). */
async function usableInvite(token: string): Promise<Invite | null> {
	if (token.length > 128) return null;
	const { stores, auth } = services();
	const invite = await stores.invites.invite(auth.hashToken(token));
	if (!invite || invite.usedAt !== null || invite.revokedAt !== null) return null;
	return invite.expiresAt > Date.now() ? invite : null;
}

/** The inviter may have lost the role since the link was made: checked again at accept time. */
async function inviterMayStillGrant(invite: Invite): Promise<boolean> {
	const { access } = services();
	const roles = await access.rolesIn(invite.createdBy, invite.unitId);
	return (
		(await access.can(invite.createdBy, 'invite', invite.unitId)) && canGrant(roles, invite.role)
	);
}

export const load: PageServerLoad = async ({ params, locals }) => {
	const invite = await usableInvite(params.token);
	if (!invite) return { invite: null, user: null };
	const community = await services().stores.org.unit(invite.unitId);
	if (!community) return { invite: null, user: null };
	return {
		invite: { role: invite.role, community: { name: community.name, nameEn: community.nameEn } },
		user: locals.user ? { displayName: locals.user.displayName } : null
	};
};

/**
 * Joins the invite's community as `userId`, or throws: the invite is consumed in the same
 * transaction that adds the membership, so a link works once and a failure leaves no trace.
 */
async function join(invite: Invite, userId: string, before?: () => Promise<void>) {
	const { stores } = services();
	await stores.transaction(async () => {
		if (before) await before();
		if (!(await stores.invites.consumeInvite(invite.id, userId, Date.now())))
			throw new InviteGone();
		await stores.org.addMembership({ userId, unitId: invite.unitId, role: invite.role });
	});
	services().access.changed(userId);
	await audit(userId, 'invite_accepted', `invite:${invite.id}`, invite.unitId, {
		role: invite.role,
		invitedBy: invite.createdBy
	});
}

class InviteGone extends Error {}

async function checkedInvite(token: string): Promise<Invite> {
	const invite = await usableInvite(token);
	if (!invite) error(410, 'Gone');
	if (!(await inviterMayStillGrant(invite))) error(410, 'Gone');
	return invite;
}

export const actions: Actions = {
	register: async ({ params, request, cookies, url }) => {
		const invite = await checkedInvite(params.token);
		const data = await request.formData();
		const username = formField(data, 'username', 64).trim();
		const displayName = formField(data, 'displayName', 200).trim();
		const password = formField(data, 'password');
		if (!USERNAME_PATTERN.test(username))
			return fail(400, { error: 'badUsername' as const, username, displayName });
		if (!displayName || [...displayName].length > MAX_DISPLAY_NAME_LENGTH)
			return fail(400, { error: 'badDisplayName' as const, username, displayName });
		const problem = passwordProblem(password);
		if (problem) return fail(400, { error: problem, username, displayName });
		const { stores, auth } = services();
		if (await stores.users.byUsername(username))
			return fail(400, { error: 'usernameTaken' as const, username, displayName });
		const passwordHash = await auth.hashPassword(password);
		const userId = `u-${auth.generateToken(10)}`;
		try {
			await join(invite, userId, async () => {
				await stores.users.create({ id: userId, username, displayName, passwordHash });
			});
		} catch (err) {
			if (err instanceof InviteGone) error(410, 'Gone');
			// The username was taken between the check and the insert.
			if (await stores.users.byUsername(username))
				return fail(400, { error: 'usernameTaken' as const, username, displayName });
			throw err;
		}
		await audit(userId, 'user_registered', `user:${userId}`, invite.unitId, { invite: invite.id });
		await startSession(cookies, url, userId);
		redirect(303, '/');
	},

	accept: async ({ params, locals }) => {
		if (!locals.user) error(401, 'Unauthorized');
		const invite = await checkedInvite(params.token);
		try {
			await join(invite, locals.user.id);
		} catch (err) {
			if (err instanceof InviteGone) error(410, 'Gone');
			throw err;
		}
		redirect(303, '/');
	}
};
