import { services } from './services';

/**
 * Is a write request from our own pages? SvelteKit refuses cross-site form posts itself; JSON
 * and other bodies are checked here. With ORIGIN configured it must match exactly; otherwise the
 * Origin's host must be the host the request came to (http or https, for a TLS proxy in front).
 * A missing Origin is refused: browsers send one on every cross-site and same-site write.
 */
export function isOwnOrigin(request: Request, url: URL): boolean {
	const origin = request.headers.get('origin');
	if (!origin || origin === 'null') return false;
	const configured = services().config.origin;
	if (configured) return origin === configured;
	return origin === `http://${url.host}` || origin === `https://${url.host}`;
}
