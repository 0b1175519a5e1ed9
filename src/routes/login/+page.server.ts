import { fail, redirect } from '@sveltejs/kit';
import { safeRedirectPath } from '$lib/domain/accounts';
import { audit } from '$lib/server/audit';
import { formField } from '$lib/server/formField';
import { services } from '$lib/server/services';
import { startSession } from '$lib/server/sessionCookie';
import { throttledAttempt } from '$lib/server/throttledAttempt';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, url }) => {
	if (locals.user) redirect(303, safeRedirectPath(url.searchParams.get('redirectTo')));
	return {
		redirectTo: safeRedirectPath(url.searchParams.get('redirectTo')),
		demo: await services().auth.demoAccounts()
	};
};

export const actions: Actions = {
	default: async (event) => {
		const data = await event.request.formData();
		const username = formField(data, 'username', 64).trim();
		const password = formField(data, 'password');
		const redirectTo = safeRedirectPath(formField(data, 'redirectTo'));
		const { stores, auth } = services();

		const result = await throttledAttempt(event, username, async () => {
			const user = username ? await stores.users.byUsername(username) : null;
			// Verify even for an unknown user, so timing does not tell which part was wrong.
			// `||`: an imported resident has no password yet (empty hash) and must take as long as anyone.
			const ok = await auth.verifyPassword(user?.passwordHash || (await auth.dummyHash), password);
			return user && ok && !user.disabled ? user.id : null;
		});
		if (result.ok) {
			await startSession(event.cookies, event.url, result.value);
			await audit(result.value, 'login', `user:${result.value}`, null);
			redirect(303, redirectTo);
		}
		await audit(null, 'login_failed', `username:${username}`, null, {
			address: event.getClientAddress(),
			throttled: result.locked !== null
		});
		if (result.locked) return result.locked;
		return fail(400, { error: 'failed' as const, username });
	}
};
