import { fail } from '@sveltejs/kit';
import { passwordProblem } from '$lib/domain/accounts';
import { audit } from '$lib/server/audit';
import { formField } from '$lib/server/formField';
import { requireUser } from '$lib/server/requireUser';
import { services } from '$lib/server/services';
import { throttledAttempt } from '$lib/server/throttledAttempt';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = ({ locals, url }) => {
	const { user } = requireUser(locals, url);
	return { username: user.username };
};

export const actions: Actions = {
	password: async (event) => {
		const { user, session } = requireUser(event.locals, event.url);
		const data = await event.request.formData();
		const current = formField(data, 'current');
		const next = formField(data, 'new');
		const problem = passwordProblem(next);
		if (problem) return fail(400, { error: problem });
		const { stores, auth, sessions } = services();
		// A stolen session must not turn into a stolen account by guessing the password here.
		const result = await throttledAttempt(event, user.username, async () => {
			const record = await stores.users.byUsername(user.username);
			return record && (await auth.verifyPassword(record.passwordHash, current)) ? record.id : null;
		});
		if (!result.ok) return result.locked ?? fail(400, { error: 'wrongPassword' as const });
		await stores.users.setPasswordHash(user.id, await auth.hashPassword(next));
		await sessions.invalidateUser(user.id, session.id);
		await audit(user.id, 'password_changed', `user:${user.id}`, null);
		return { changed: true };
	}
};
