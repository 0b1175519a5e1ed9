import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { SESSION_COOKIE } from '../auth/sessions';
import { isSameOrigin, parseCookies } from '../http/origin';
import type { Services } from '../services';
import { refuseUpgrade } from './SyncEndpoint';

/**
 * Routes websocket upgrades by path to the sync endpoints, after checking Origin and session.
 * In production everything else is refused; in dev, other upgrades (Vite's HMR socket) are left
 * for their own listeners.
 */
export function createUpgradeRouter(services: Services, opts: { rejectUnknown: boolean }) {
	const endpoints = [services.yjs, services.automerge];
	return (req: IncomingMessage, socket: Duplex, head: Buffer) => {
		const path = (req.url ?? '/').split('?')[0] ?? '/';
		const endpoint = endpoints.find((e) => path.startsWith(e.prefix));
		if (!endpoint) {
			if (opts.rejectUnknown) refuseUpgrade(socket, 404, 'Not Found');
			return;
		}
		// Without a listener one reset connection would take the whole process down.
		socket.on('error', () => socket.destroy());
		if (!isSameOrigin(req.headers, services.config.origin)) {
			services.config.log(`ws refused: foreign origin ${String(req.headers.origin)} on ${path}`);
			refuseUpgrade(socket, 403, 'Forbidden');
			return;
		}
		const token = parseCookies(req.headers.cookie).get(SESSION_COOKIE);
		services.sessions
			.validate(token)
			.then((valid) => {
				if (!valid) {
					refuseUpgrade(socket, 401, 'Unauthorized');
					return;
				}
				if (!services.socketLimit.admit(valid.user.id, socket)) {
					if (socket.destroyed) return;
					services.config.log(`ws refused: ${valid.user.id} already holds the most sockets`);
					refuseUpgrade(socket, 429, 'Too Many Requests');
					return;
				}
				endpoint.upgrade(req, socket, head, {
					userId: valid.user.id,
					sessionId: valid.session.id,
					displayName: valid.user.displayName
				});
			})
			.catch((err: unknown) => {
				services.config.log(`ws upgrade failed on ${path}: ${String(err)}`);
				refuseUpgrade(socket, 500, 'Internal Server Error');
			});
	};
}
