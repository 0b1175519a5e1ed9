import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { GongzhiConfig } from './config';
import { seedDemoIfEmpty } from './demo/seedDemo';
import { markProtocol, type RequestHandler } from './http/appHandler';
import { healthz } from './http/healthz';
import type { MessageProvider } from './messages/MessageProvider';
import { createServices, installServices, type Services } from './services';
import type { Stores } from './storage/Stores';
import { openStores } from './storage/openStores';
import { createUpgradeRouter } from './sync/upgradeRouter';

export type { RequestHandler };

export interface RunningServer {
	url: string;
	port: number;
	services: Services;
	close(): Promise<void>;
}

/**
 * One HTTP server on one port: `/healthz`, the websocket upgrade router and, for everything else,
 * SvelteKit's handler (absent in tests that exercise only the sync endpoints).
 */
export async function startServer(
	config: GongzhiConfig,
	opts: {
		port: number;
		host?: string;
		handler?: RequestHandler;
		messages?: MessageProvider;
		/**
		 * Stores opened by the caller (the bench swaps one); by default PostgreSQL when
		 * DATABASE_URL is set, else SQLite under dataDir.
		 */
		stores?: Stores;
	}
): Promise<RunningServer> {
	const stores = opts.stores ?? (await openStores(config));
	const services = createServices(config, stores, { messages: opts.messages });
	if (config.demo) {
		const seeded = await seedDemoIfEmpty(services);
		if (seeded) config.log('Loaded the demo district (GONGZHI_DEMO=off to start empty).');
	}
	installServices(services);
	const notFound = (_req: IncomingMessage, res: ServerResponse) => {
		res.writeHead(404, { 'content-type': 'application/json' });
		res.end('{"error":"Not Found"}');
	};
	const server = createServer((req, res) => {
		const path = (req.url ?? '').split('?')[0];
		if (path === '/healthz' && (req.method === 'GET' || req.method === 'HEAD')) {
			healthz(services, req, res);
			return;
		}
		markProtocol(req);
		if (opts.handler) opts.handler(req, res, () => notFound(req, res));
		else notFound(req, res);
	});
	server.on('upgrade', createUpgradeRouter(services, { rejectUnknown: true }));
	server.on('clientError', (_err, socket) => {
		if (socket.writable) socket.end('HTTP/1.1 400 Bad Request\r\n\r\n');
		else socket.destroy();
	});
	await new Promise<void>((resolve, reject) => {
		server.once('error', reject);
		server.listen(opts.port, opts.host ?? '0.0.0.0', () => resolve());
	});
	const port = (server.address() as AddressInfo).port;
	return {
		url: `http://127.0.0.1:${port}`,
		port,
		services,
		async close() {
			await services.close();
			server.closeAllConnections();
			await new Promise<void>((resolve) => server.close(() => resolve()));
			installServices(null);
		}
	};
}
