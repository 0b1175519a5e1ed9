import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
	createAutomergeSync,
	type AutomergeSync
} from '../../server/automerge/createAutomergeSync';
import type { ClusterBus } from '../../server/cluster/ClusterBus';
import type { Stores } from '../../server/storage/Stores';
import { createUpgradeRouter } from '../../server/sync/upgradeRouter';
import type { TestServer } from './server';

/** A second Automerge endpoint on its own port, sharing a test server's stores and sessions. */
export interface BoardInstance {
	port: number;
	headersFor: TestServer['headersFor'];
	automerge: AutomergeSync;
	close(): Promise<void>;
}

/**
 * One more "instance" of the board sync in this process: its own Automerge endpoint, rooms and
 * bus connection, behind the real upgade router (Origin and session checks), over the store
 * set, sessions and access of `server` — as instances sharing one database would be. Only the
 * board socket is served; `boardClient` connects to it like to a whole server.
 */
export async function startBoardInstance(
	server: TestServer,
	cluster: ClusterBus,
	/** The stores this instance uses; the server's own unless given (e.g. with latency added). */
	stores: Stores = server.services.stores
): Promise<BoardInstance> {
	const { services } = server;
	const automerge = createAutomergeSync({
		stores,
		access: services.access,
		config: services.config,
		socketLimit: services.socketLimit,
		bus: cluster,
		shared: true
	});
	const route = createUpgradeRouter(
		{ ...services, automerge },
		{
			rejectUnknown: true
		}
	);
	const http = createServer((_req, res) => {
		res.statusCode = 404;
		res.end();
	});
	http.on('upgrade', route);
	await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
	const { port } = http.address() as AddressInfo;
	return {
		port,
		headersFor: (username) => server.headersFor(username),
		automerge,
		async close() {
			await automerge.close();
			await cluster.close();
			http.closeAllConnections();
			await new Promise<void>((resolve) => http.close(() => resolve()));
		}
	};
}

/**
 * `stores` whose board store answers every call after `ms`, as a database across a network
 * would: two instances then really interleave their reads and writes, which in-process SQLite
 * (answering at once) never does. Behaviour is otherwise the store's own.
 */
export function withBoardStoreLatency(stores: Stores, ms: number): Stores {
	const store = stores.automerge;
	const slow = new Proxy(store, {
		get(target, key) {
			const value: unknown = Reflect.get(target, key, target);
			if (typeof value !== 'function') return value;
			return async (...args: unknown[]) => {
				await new Promise((resolve) => setTimeout(resolve, ms));
				return (value as (...a: unknown[]) => unknown).apply(target, args);
			};
		}
	});
	return { ...stores, automerge: slow };
}
