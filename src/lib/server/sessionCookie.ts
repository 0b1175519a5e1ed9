import type { Cookies } from '@sveltejs/kit';
import { SESSION_COOKIE } from '$lib/domain/session';
import { services } from './services';

/**
 * `Secure` whenever the browser reached us over HTTPS: directly (url.protocol) or through a
 * proxy whose public ORIGIN is https. Plain http on localhost keeps working for development.
 */
export function isSecureRequest(url: URL): boolean {
	return url.protocol === 'https:' || (services().config.origin?.startsWith('https:') ?? false);
}

export function setSessionCookie(cookies: Cookies, url: URL, token: string, expiresAt: number) {
	cookies.set(SESSION_COOKIE, token, {
		path: '/',
		httpOnly: true,
		sameSite: 'lax',
		secure: isSecureRequest(url),
		expires: new Date(expiresAt)
	});
}

export function clearSessionCookie(cookies: Cookies, url: URL) {
	cookies.delete(SESSION_COOKIE, {
		path: '/',
		httpOnly: true,
		sameSite: 'lax',
		secure: isSecureRequest(url)
	});
}

/** Starts a session for a user who just proved who they are, and sets its cookie. */
export async function startSession(cookies: Cookies, url: URL, userId: string) {
	const { token, session } = await services().sessions.create(userId);
	setSessionCookie(cookies, url, token, session.expiresAt);
	return session;
}
