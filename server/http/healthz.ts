import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Services } from '../services';

/**
 * `GET /healthz`: liveness plus the counters operators and tests read (open documents, the worst
 * event-loop stall, memory). `?reset=eventLoop` starts a new stall window after answering;
 * `?gc=1` collects garbage first, only in a process started with `--expose-gc` (tests and the
 * fuzz run, never production), so memory figures compare like with like.
 */
export function healthz(services: Services, req: IncomingMessage, res: ServerResponse) {
	const query = new URLSearchParams((req.url ?? '').split('?')[1] ?? '');
	const gc = (globalThis as { gc?: () => void }).gc;
	if (query.get('gc') === '1' && gc) gc();
	const memory = process.memoryUsage();
	const body = JSON.stringify({
		ok: true,
		uptimeSeconds: Math.round((Date.now() - services.startedAt) / 1000),
		yjs: services.yjs.stats(),
		automerge: services.automerge.stats(),
		eventLoop: services.eventLoop.figures(),
		memory: { rssBytes: memory.rss, heapUsedBytes: memory.heapUsed }
	});
	if (query.get('reset') === 'eventLoop') services.eventLoop.reset();
	res.writeHead(200, { 'content-type': 'application/json', 'cache-control': 'no-store' });
	res.end(body);
}
