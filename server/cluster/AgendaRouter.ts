import { createHash } from 'node:crypto';
import {
	createServer,
	request as httpRequest,
	type IncomingMessage,
	type Server,
	type ServerResponse
} from 'node:http';
import { connect, type AddressInfo, type Socket } from 'node:net';
import { YJS_SYNC_PATH } from '../../src/lib/domain/yjsProtocol';

export interface RouterTarget {
	host: string;
	port: number;
}

export interface AgendaRouterOptions {
	targets: RouterTarget[];
	/** Where the router listens (default 127.0.0.1, a free port). */
	host?: string;
	port?: number;
	/** A target that refused a connection is skipped this long. */
	downForMs?: number;
	log?: (line: string) => void;
}

export interface AgendaRouter {
	url: string;
	port: number;
	/** Which target an agenda's sockets go to now (the first of `order`, skipping targets down). */
	targetOf(agendaId: string): RouterTarget;
	close(): Promise<void>;
}

const key = (t: RouterTarget) => `${t.host}:${t.port}`;

/**
 * The targets in the order an agenda tries them: rendezvous hashing (highest hash of agenda and
 * target first). Every router computes the same order with no shared state, and when a target
 * leaves, only the agendas that were on it move.
 */
export function rendezvousOrder(agendaId: string, targets: RouterTarget[]): RouterTarget[] {
	const score = (t: RouterTarget) =>
		createHash('sha256')
			.update(`${agendaId}\n${key(t)}`)
			.digest()
			.readUInt32BE(0);
	return [...targets]
		.map((t) => ({ t, s: score(t) }))
		.sort((a, b) => b.s - a.s || key(a.t).localeCompare(key(b.t)))
		.map(({ t }) => t);
}

/**
 * A small front for several Gongzhi instances on one machine (or a few): agenda sockets
 * (`/sync/yjs/<agendaId>`) go to one instance per agenda, so an agenda's editors and readers
 * share one in-memory document and the cluster bus carries little; everything else (pages, the
 * API, the board socket, which carries every board a client has open) is spread round-robin.
 * Bytes pass unchanged; the router adds `X-Forwarded-For` (run the instances with
 * `ADDRESS_HEADER=x-forwarded-for XFF_DEPTH=1` so login throttles see the real address).
 *
 * Any instance can serve any request — the cluster bus keeps documents one — so the routing is
 * an optimisation, never a requirement: a target that refuses connections is skipped for
 * `downForMs` and its agendas' sockets go to the next target in their order.
 */
export async function startAgendaRouter(opts: AgendaRouterOptions): Promise<AgendaRouter> {
	if (opts.targets.length === 0) throw new Error('the router needs at least one target');
	const downForMs = opts.downForMs ?? 2000;
	const log = opts.log ?? (() => undefined);
	const downUntil = new Map<string, number>();
	const sockets = new Set<Socket>();
	let next = 0;

	const up = (t: RouterTarget) => (downUntil.get(key(t)) ?? 0) <= Date.now();
	const markDown = (t: RouterTarget, error: Error) => {
		if (up(t)) log(`router: ${key(t)} is down (${error.message}); skipping it for ${downForMs} ms`);
		downUntil.set(key(t), Date.now() + downForMs);
	};
	/** Targets to try, best first: those up, then (as a last resort) those marked down. */
	const candidates = (ordered: RouterTarget[]) => [
		...ordered.filter(up),
		...ordered.filter((t) => !up(t))
	];
	const roundRobin = () => {
		const start = next++ % opts.targets.length;
		return [...opts.targets.slice(start), ...opts.targets.slice(0, start)];
	};
	const agendaOf = (url: string | undefined) => {
		const path = (url ?? '').split('?')[0] ?? '';
		const prefix = `${YJS_SYNC_PATH}/`;
		return path.startsWith(prefix) ? path.slice(prefix.length) : null;
	};
	const forwardedFor = (req: IncomingMessage) => {
		const previous = req.headers['x-forwarded-for'];
		const address = req.socket.remoteAddress ?? '';
		return previous ? `${String(previous)}, ${address}` : address;
	};

	const onRequest = (req: IncomingMessage, res: ServerResponse) => {
		const [target] = candidates(roundRobin());
		if (!target) return;
		const upstream = httpRequest(
			{
				host: target.host,
				port: target.port,
				method: req.method,
				path: req.url,
				headers: { ...req.headers, 'x-forwarded-for': forwardedFor(req) }
			},
			(answer) => {
				res.writeHead(answer.statusCode ?? 502, answer.rawHeaders);
				answer.pipe(res);
			}
		);
		upstream.on('error', (error) => {
			markDown(target, error);
			// The body may be gone already, so the request is not retried elsewhere: the browser's
			// outbox and the pages' own retries do that.
			if (!res.headersSent) res.writeHead(502, { 'content-type': 'text/plain; charset=utf-8' });
			res.end('upstream unavailable');
		});
		req.pipe(upstream);
	};

	const onUpgrade = (req: IncomingMessage, client: Socket, head: Buffer) => {
		sockets.add(client);
		client.on('close', () => sockets.delete(client));
		client.on('error', () => client.destroy());
		const agenda = agendaOf(req.url);
		const order = candidates(agenda ? rendezvousOrder(agenda, opts.targets) : roundRobin());
		const lines = [`${req.method} ${req.url} HTTP/${req.httpVersion}`];
		for (let i = 0; i < req.rawHeaders.length; i += 2) {
			const name = req.rawHeaders[i] as string;
			if (name.toLowerCase() !== 'x-forwarded-for') lines.push(`${name}: ${req.rawHeaders[i + 1]}`);
		}
		lines.push(`X-Forwarded-For: ${forwardedFor(req)}`);
		const preamble = Buffer.concat([Buffer.from(`${lines.join('\r\n')}\r\n\r\n`), head]);

		const attempt = (i: number) => {
			const target = order[i];
			if (!target || client.destroyed) {
				client.end('HTTP/1.1 502 Bad Gateway\r\nConnection: close\r\n\r\n');
				return;
			}
			const upstream = connect(target.port, target.host);
			let connected = false;
			upstream.once('connect', () => {
				connected = true;
				sockets.add(upstream);
				upstream.on('close', () => sockets.delete(upstream));
				upstream.write(preamble);
				upstream.pipe(client);
				client.pipe(upstream);
				client.on('close', () => upstream.destroy());
				upstream.on('close', () => client.destroy());
			});
			upstream.on('error', (error) => {
				if (connected) return upstream.destroy();
				markDown(target, error);
				attempt(i + 1);
			});
		};
		attempt(0);
	};

	const server: Server = createServer(onRequest);
	server.on('upgrade', onUpgrade);
	server.on('clientError', (_error, socket) => socket.destroy());
	await new Promise<void>((resolve, reject) => {
		server.once('error', reject);
		server.listen(opts.port ?? 0, opts.host ?? '127.0.0.1', () => resolve());
	});
	const port = (server.address() as AddressInfo).port;
	return {
		port,
		url: `http://${opts.host ?? '127.0.0.1'}:${port}`,
		targetOf: (agendaId) => candidates(rendezvousOrder(agendaId, opts.targets))[0] as RouterTarget,
		async close() {
			for (const s of sockets) s.destroy();
			server.closeAllConnections();
			await new Promise<void>((resolve) => server.close(() => resolve()));
		}
	};
}
