import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Services } from '../services';

/** `GET /healthz`: liveness plus the counters operators and tests read (open documents). */
export function healthz(services: Services, _req: IncomingMessage, res: ServerResponse) {
	const body = JSON.stringify({
		ok: true,
		uptimeSeconds: Math.round((Date.now() - services.startedAt) / 1000),
		yjs: services.yjs.stats(),
		automerge: services.automerge.stats()
	});
	res.writeHead(200, { 'content-type': 'application/json', 'cache-control': 'no-store' });
	res.end(body);
}
