import { createServer, type Server, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';

/**
 * A TCP proxy between a client and the server, for two things tests need from a real network:
 * cutting every connection at once (Playwright's setOffline leaves websockets open), and adding
 * headers a browser would send (Cookie, Origin) for stock Node clients that cannot set them.
 */
export class TcpProxy {
	#server: Server;
	#sockets = new Set<Socket>();
	#cut = false;
	port = 0;

	constructor(
		private readonly target: { host: string; port: number },
		private readonly injectHeaders: Record<string, string> = {}
	) {
		this.#server = createServer((client) => this.#accept(client));
	}

	async listen(): Promise<this> {
		await new Promise<void>((resolve) => this.#server.listen(0, '127.0.0.1', resolve));
		this.port = (this.#server.address() as AddressInfo).port;
		return this;
	}

	get url() {
		return `http://127.0.0.1:${this.port}`;
	}

	/** Drops every open connection and refuses new ones until `restore`. */
	cut() {
		this.#cut = true;
		for (const s of this.#sockets) s.destroy();
		this.#sockets.clear();
	}

	restore() {
		this.#cut = false;
	}

	/**
	 * The network vanishes without either end being told, as when a phone loses signal: open
	 * connections stay open but nothing more passes either way (no FIN, no RST).
	 */
	blackhole() {
		for (const s of this.#sockets) {
			s.unpipe();
			s.removeAllListeners('data');
			s.pause();
		}
	}

	async close() {
		this.cut();
		await new Promise<void>((resolve) => this.#server.close(() => resolve()));
	}

	#accept(client: Socket) {
		if (this.#cut) {
			client.destroy();
			return;
		}
		const upstream = new (client.constructor as typeof Socket)();
		upstream.connect(this.target.port, this.target.host);
		this.#sockets.add(client);
		this.#sockets.add(upstream);
		const drop = () => {
			client.destroy();
			upstream.destroy();
			this.#sockets.delete(client);
			this.#sockets.delete(upstream);
		};
		client.on('error', drop).on('close', drop);
		upstream.on('error', drop).on('close', drop);
		const extra = Object.entries(this.injectHeaders)
			.map(([k, v]) => `${k}: ${v}\r\n`)
			.join('');
		if (!extra) {
			client.pipe(upstream);
		} else {
			// Add the headers after the request line of every request on this connection's start.
			let head = Buffer.alloc(0);
			const onData = (chunk: Buffer) => {
				head = Buffer.concat([head, chunk]);
				const eol = head.indexOf('\r\n');
				if (eol < 0) return;
				client.off('data', onData);
				upstream.write(
					Buffer.concat([head.subarray(0, eol + 2), Buffer.from(extra), head.subarray(eol + 2)])
				);
				client.pipe(upstream);
			};
			client.on('data', onData);
		}
		upstream.pipe(client);
	}
}
