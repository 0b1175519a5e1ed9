import { json, type Handle } from '@sveltejs/kit';
import { DEFAULT_LOCALE, isLocale, LOCALE_COOKIE } from '$lib/i18n';
import { LARGE_TEXT_COOKIE } from '$lib/domain/display';
import { SESSION_COOKIE } from '$lib/domain/session';
import { isOwnOrigin } from '$lib/server/sameOrigin';
import { services } from '$lib/server/services';
import { setSessionCookie } from '$lib/server/sessionCookie';
import { unreadableForm } from '$lib/server/unreadableForm';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

const SECURITY_HEADERS = {
	'x-content-type-options': 'nosniff',
	'referrer-policy': 'same-origin',
	'permissions-policy': 'camera=(), microphone=(), geolocation=(), payment=(), usb=()'
};

export const handle: Handle = async ({ event, resolve }) => {
	const { request, url, cookies, locals } = event;

	if (!SAFE_METHODS.has(request.method) && !isOwnOrigin(request, url)) {
		const refused = json({ error: 'Forbidden' }, { status: 403 });
		for (const [k, v] of Object.entries(SECURITY_HEADERS)) refused.headers.set(k, v);
		return refused;
	}
	if (!SAFE_METHODS.has(request.method)) {
		const refused = await unreadableForm(request, url.pathname);
		if (refused) {
			for (const [k, v] of Object.entries(SECURITY_HEADERS)) refused.headers.set(k, v);
			return refused;
		}
	}

	locals.user = null;
	locals.session = null;
	const token = cookies.get(SESSION_COOKIE);
	if (token) {
		const valid = await services().sessions.validate(token);
		if (valid) {
			locals.user = valid.user;
			locals.session = valid.session;
			// A renewed session must renew its cookie too, or the browser drops it while the
			// server still honours it.
			if (valid.renewed) setSessionCookie(cookies, url, token, valid.session.expiresAt);
		}
	}

	const locale = cookies.get(LOCALE_COOKIE);
	locals.locale = isLocale(locale) ? locale : DEFAULT_LOCALE;
	locals.largeText = cookies.get(LARGE_TEXT_COOKIE) === '1';

	const response = await resolve(event, {
		transformPageChunk: ({ html }) =>
			html
				.replace('%lang%', locals.locale)
				.replace('%gz.textsize%', locals.largeText ? 'large-text' : '')
	});
	for (const [k, v] of Object.entries(SECURITY_HEADERS)) response.headers.set(k, v);
	return response;
};
