/** Rules for account fields, shared by the pages that take them and the server. */
export const MIN_PASSWORD_LENGTH = 8;
export const MAX_PASSWORD_LENGTH = 256;

export const USERNAME_PATTERN = /^[a-zA-Z0-9_-]{3,32}$/;
export const MAX_DISPLAY_NAME_LENGTH = 40;

export type PasswordProblem = 'tooShort' | 'tooLong';

/** Counts code points, so a Chinese password is measured as people count it. */
export function passwordProblem(password: string): PasswordProblem | null {
	const length = [...password].length;
	if (length < MIN_PASSWORD_LENGTH) return 'tooShort';
	if (length > MAX_PASSWORD_LENGTH) return 'tooLong';
	return null;
}

/** Invite validity a secretary may choose, in days. */
export const MIN_INVITE_DAYS = 1;
export const MAX_INVITE_DAYS = 14;
export const RESET_CODE_LIFETIME_MS = 24 * 60 * 60 * 1000;

/**
 * A redirect target from a form or query is followed only if it is a path on this site:
 * `//evil.example` and `/\evil.example` are other sites to a browser, so they fall back to `/`.
 */
export function safeRedirectPath(value: unknown): string {
	if (typeof value !== 'string' || value.length > 512 || !value.startsWith('/')) return '/';
	// Let the URL parser decide, as a browser would (it turns `\` into `/`, drops tabs).
	const base = 'http://same-site.invalid';
	try {
		const url = new URL(value, base);
		return url.origin === base ? url.pathname + url.search + url.hash : '/';
	} catch {
		return '/';
	}
}
