import { redirect } from '@sveltejs/kit';
import { PREFERENCE_MAX_AGE_SECONDS, LARGE_TEXT_COOKIE } from '$lib/domain/display';
import { safeRedirectPath } from '$lib/domain/accounts';
import { isLocale, LOCALE_COOKIE } from '$lib/i18n';
import { isSecureRequest } from '$lib/server/sessionCookie';
import type { Actions } from './$types';

/** Display preferences: plain form posts that set a cookie and go back where they came from. */
const preference = (secure: boolean) => ({
	path: '/',
	httpOnly: true,
	sameSite: 'lax' as const,
	secure,
	maxAge: PREFERENCE_MAX_AGE_SECONDS
});

export const actions: Actions = {
	locale: async ({ request, cookies, url }) => {
		const data = await request.formData();
		const locale = data.get('locale');
		if (isLocale(locale)) cookies.set(LOCALE_COOKIE, locale, preference(isSecureRequest(url)));
		redirect(303, safeRedirectPath(data.get('redirectTo') ?? '/settings'));
	},
	largeText: async ({ request, cookies, url }) => {
		const data = await request.formData();
		const on = data.get('largeText') === '1';
		cookies.set(LARGE_TEXT_COOKIE, on ? '1' : '0', preference(isSecureRequest(url)));
		redirect(303, safeRedirectPath(data.get('redirectTo') ?? '/settings'));
	}
};
