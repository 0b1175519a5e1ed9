import type { IncomingHttpHeaders } from 'node:http';

/**
 * Is this request from our own pages? With ORIGIN configured (behind a proxy) it must match
 * exactly; otherwise its host must be the Host the request was sent to. A missing Origin is
 * refused: every browser sends one on websocket upgrades and cross-site writes.
 */
export function isSameOrigin(headers: IncomingHttpHeaders, configured: string | null): boolean {
	const origin = headers.origin;
	if (typeof origin !== 'string' || origin === 'null') return false;
	if (configured) return origin === configured;
	const host = headers.host;
	if (!host) return false;
	return origin === `http://${host}` || origin === `https://${host}`;
}

export function parseCookies(header: string | undefined): Map<string, string> {
	const out = new Map<string, string>();
	if (!header) return out;
	for (const part of header.split(';')) {
		const eq = part.indexOf('=');
		if (eq < 0) continue;
		const name = part.slice(0, eq).trim();
		const value = part.slice(eq + 1).trim();
		if (name && !out.has(name)) {
			try {
				out.set(name, decodeURIComponent(value));
			} catch {
				out.set(name, value);
			}
		}
	}
	return out;
}
