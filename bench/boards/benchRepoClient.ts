import { Repo, type AutomergeUrl } from '@automerge/automerge-repo';
import http from 'node:http';
import { SafeWebSocketClientAdapter } from '../../src/lib/sync/SafeWebSocketClientAdapter';
import { until } from './procStats';
import type { WorkerTarget } from './boardWorkerProtocol';

export interface BenchRepoClient {
	repo: Repo;
	adapter: SafeWebSocketClientAdapter;
	/** With `offline`: connects now and resolves once the server has answered. */
	connect(): Promise<void>;
	url(documentId: string): AutomergeUrl;
	close(): Promise<void>;
}

const USER_PARAM = 'bench-user';
const PATCHED = Symbol.for('gongzhi.bench.sessionHeaders');

/**
 * Node's websocket client sends no Cookie and the stock adapter offers no way to add one. The
 * tests relay through a TCP proxy that adds it; here that relay would sit in the measured path
 * (two more hops per message, run by the busy client process). Instead the adapter's URL names
 * the user in a query parameter (both servers ignore queries) and http.request — which `ws`
 * reads at connect time — gets that user's session cookie and the same-origin Origin added.
 * Patched once per process; only requests carrying the parameter are touched.
 */
function addSessionHeaders(port: number, cookies: Record<string, string>) {
	const mod = http as unknown as Record<symbol, Map<string, string> | undefined> & {
		request: typeof http.request;
	};
	// Sessions by server port and user: one `npm run bench` process starts several servers in
	// turn, each with its own sessions (a patch that kept the first server's cookies sent a dead
	// session to the next one, whose clients then never connected).
	let sessions = mod[PATCHED];
	if (!sessions) {
		sessions = new Map();
		mod[PATCHED] = sessions;
		const known = sessions;
		const original = http.request;
		mod.request = ((options: http.RequestOptions, callback?: () => void) => {
			const user = new URLSearchParams((options.path ?? '').split('?')[1] ?? '').get(USER_PARAM);
			const cookie = user ? known.get(`${String(options.port)}|${user}`) : undefined;
			if (cookie) {
				options.headers = {
					...options.headers,
					Cookie: cookie,
					Origin: `http://${options.host ?? options.hostname}:${options.port}`
				};
			}
			return original(options, callback);
		}) as typeof http.request;
	}
	for (const [user, cookie] of Object.entries(cookies)) sessions.set(`${port}|${user}`, cookie);
}

/**
 * A stock automerge-repo client (no storage) for either server, connected straight to it: the
 * plain server needs no headers, Gongzhi gets the user's session as a browser would send it.
 */
export async function benchRepoClient(
	target: WorkerTarget,
	username: string,
	/** Start without a connection (a phone with its local copy), until `connect()`. */
	opts: { offline?: boolean } = {}
): Promise<BenchRepoClient> {
	if (target.cookies) {
		if (!target.cookies[username]) throw new Error(`no session for ${username}`);
		addSessionHeaders(target.port, target.cookies);
	}
	const query = target.cookies ? `?${USER_PARAM}=${encodeURIComponent(username)}` : '';
	const adapter = new SafeWebSocketClientAdapter(
		`ws://127.0.0.1:${target.port}${target.path}${query}`,
		2000
	);
	// The stock adapter rethrows socket errors; a benchmark client only counts on the sync.
	adapter.onError = () => {};
	const repo = new Repo({ network: opts.offline ? [] : [adapter] });
	const connected = () => until(() => repo.peers.length > 0, `${username}'s connection`, 30_000, 1);
	if (!opts.offline) await connected();
	return {
		repo,
		adapter,
		connect() {
			repo.networkSubsystem.addNetworkAdapter(adapter);
			return connected();
		},
		url: (documentId) => `automerge:${documentId}` as AutomergeUrl,
		async close() {
			// As tests/helpers/automergeClient.ts: no reconnect timer or late error may outlive us.
			adapter.connect = () => {};
			(adapter.socket as unknown as { on?: (e: string, f: () => void) => void } | undefined)?.on?.(
				'error',
				() => {}
			);
			await repo.shutdown();
		}
	};
}
