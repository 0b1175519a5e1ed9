import type { SyncDeps } from '../sync/SyncDeps';
import { CLOSE, refuseUpgrade, type SyncEndpoint } from '../sync/SyncEndpoint';

// Placeholder until the endpoint lands: refuses every upgrade so nothing half-built is exposed.
export function createYjsSync(deps: SyncDeps): SyncEndpoint {
	void deps;
	void CLOSE;
	return {
		prefix: '/sync/yjs/',
		upgrade: (_req, socket) => refuseUpgrade(socket, 503, 'Service Unavailable'),
		disconnectSessions: () => {},
		recheckUser: async () => {},
		stats: () => ({ connections: 0, openDocuments: 0 }),
		close: async () => {}
	};
}
