import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createConnection, createServer } from 'node:net';

const REDIS_SERVER = '/usr/bin/redis-server';

export interface TempRedis {
	url: string;
	port: number;
	/** Kills the server and resolves once it has exited. */
	stop(): Promise<void>;
}

/** A port nobody listens on right now (the kernel picks it; released before Redis binds it). */
export async function freePort(): Promise<number> {
	const server = createServer();
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const address = server.address();
	await new Promise((resolve) => server.close(resolve));
	if (!address || typeof address === 'string') throw new Error('no port');
	return address.port;
}

/**
 * A throwaway Redis from the Debian package on a free loopback port: nothing saved to disk, no
 * append-only file, gone when stopped.
 */
export async function startTempRedis(): Promise<TempRedis> {
	if (!existsSync(REDIS_SERVER))
		throw new Error('Redis is not installed (apt-get install redis-server)');
	const port = await freePort();
	const child = spawn(
		REDIS_SERVER,
		['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'],
		{ stdio: ['ignore', 'ignore', 'pipe'] }
	);
	let log = '';
	child.stderr?.on('data', (d: Buffer) => {
		log = (log + d.toString()).slice(-2000);
	});
	const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
	const deadline = Date.now() + 10_000;
	while (!(await answersPing(port))) {
		if (child.exitCode !== null || Date.now() > deadline) {
			child.kill('SIGKILL');
			throw new Error(`Redis did not start on port ${port}: ${log}`);
		}
		await new Promise((r) => setTimeout(r, 50));
	}
	return {
		url: `redis://127.0.0.1:${port}`,
		port,
		async stop() {
			if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
			await exited;
		}
	};
}

function answersPing(port: number): Promise<boolean> {
	return new Promise((resolve) => {
		const socket = createConnection({ port, host: '127.0.0.1' });
		const done = (ok: boolean) => {
			socket.destroy();
			resolve(ok);
		};
		socket.on('error', () => done(false));
		socket.setTimeout(1000, () => done(false));
		socket.on('connect', () => socket.write('PING\r\n'));
		socket.on('data', (d) => done(d.toString().startsWith('+PONG')));
	});
}
