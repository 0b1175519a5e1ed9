import { fail } from '@sveltejs/kit';
import { passwordProblem } from '$lib/domain/accounts';
import { audit } from '$lib/server/audit';
import { formField } from '$lib/server/formField';
import { services } from '$lib/server/services';
import { throttledAttempt } from '$lib/server/throttledAttempt';
import type { Actions } from './$types';

/** Codes are read aloud and typed on phones: case, spaces and dashes do not matter. */
const normaliseCode = (code: string) => code.toLowerCase().replace(/[\s-]/g, '');

export const actions: Actions = {
	default: async (event) => {
		const data = await event.request.formData();
		const username = formField(data, 'username', 64).trim();
		const code = normaliseCode(formField(data, 'code', 64));
		const next = formField(data, 'new');
		const problem = passwordProblem(next);
		if (problem) return fail(400, { error: problem, username });
		const { stores, auth, sessions } = services();

		let userId: string | null = null;
		const result = await throttledAttempt(event, username, async () => {
			const user = username ? await stores.users.byUsername(username) : null;
			if (!user || !code) return false;
			// consumeResetCode checks user, expiry and single use in one statement.
			if (!(await stores.invites.consumeResetCode(auth.hashToken(code), user.id, Date.now())))
				return false;
			userId = user.id;
			return true;
		});
		if (!result.ok || !userId) {
			await audit(null, 'reset_failed', `username:${username}`, {
				address: event.getClientAddress()
			});
			if (!result.ok && result.locked) return result.locked;
			return fail(400, { error: 'failed' as const, username });
		}
		await stores.users.setPasswordHash(userId, await auth.hashPassword(next));
		// Whoever had the account before the reset is logged out everywhere.
		await sessions.invalidateUser(userId);
		await audit(userId, 'password_reset', `user:${userId}`);
		return { done: true };
	}
};
