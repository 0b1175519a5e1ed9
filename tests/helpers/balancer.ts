import { createConnection, createServer, type Server, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';

/**
 * The plain load balancer in front of the instances: each new TCP connection goes to the first
 * target (in `order()`) that accepts it, so when an instance dies its clients' reconnects land on
 * another. Bytes pass unchanged (the websocket upgrade included).
 */
export class Balancer {
	#server: Server;
	#sockets = new Set<Socket>();
	port = 0;

	constructor(private readonly order: () => number[]) {
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

	async close() {
		for (const s of this.#sockets) s.destroy();
		await new Promise<void>((resolve) => this.#server.close(() => resolve()));
	}

	#accept(client: Socket) {
		client.pause();
		this.#track(client);
		client.on('error', () => client.destroy());
		const ports = this.order();
		const attempt = (i: number) => {
			const port = ports[i];
			if (port === undefined || client.destroyed) {
				client.destroy();
				return;
			}
			let connected = false;
			const upstream = createConnection({ host: '127.0.0.1', port });
			upstream.on('error', () => {
				upstream.destroy();
				if (!connected) attempt(i + 1);
				else client.destroy();
			});
			upstream.once('connect', () => {
				connected = true;
				this.#track(upstream);
				upstream.on('close', () => client.destroy());
				client.on('close', () => upstream.destroy());
				client.pipe(upstream);
				upstream.pipe(client);
				client.resume();
			});
		};
		attempt(0);
	}

	#track(socket: Socket) {
		this.#sockets.add(socket);
		socket.on('close', () => this.#sockets.delete(socket));
	}
}
