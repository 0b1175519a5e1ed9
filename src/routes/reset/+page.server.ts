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

		const result = await throttledAttempt(event, username, async () => {
			const user = username ? await stores.users.byUsername(username) : null;
			if (!user || !code) return null;
			// consumeResetCode checks user, expiry and single use in one statement.
			const now = Date.now();
			const used = await stores.invites.consumeResetCode(auth.hashToken(code), user.id, now);
			return used ? user.id : null;
		});
		if (!result.ok) {
			await audit(null, 'reset_failed', `username:${username}`, null, {
				address: event.getClientAddress()
			});
			return result.locked ?? fail(400, { error: 'failed' as const, username });
		}
		const userId = result.value;
		await stores.users.setPasswordHash(userId, await auth.hashPassword(next));
		// Whoever had the account before the reset is logged out everywhere.
		await sessions.invalidateUser(userId);
		await audit(userId, 'password_reset', `user:${userId}`, null);
		return { done: true };
	}
};
