import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import type { BenchServer } from './BenchServer';

const SCRIPTS = {
	reference: fileURLToPath(new URL('../peers/referenceServer.ts', import.meta.url)),
	hocuspocus: fileURLToPath(new URL('../peers/hocuspocusServer.ts', import.meta.url))
};

/**
 * A peer server, bare (no auth, no persistence) as the issue asks, in its own process pinned to
 * core 0 like Gongzhi. The script prints `{"port":…}` once it listens.
 */
export async function startPeer(name: keyof typeof SCRIPTS): Promise<BenchServer> {
	const child = spawn(
		'taskset',
		['-c', '0', process.execPath, '--expose-gc', '--import', 'tsx', SCRIPTS[name]],
		{ stdio: ['ignore', 'pipe', 'inherit'] }
	);
	const port = await new Promise<number>((resolve, reject) => {
		createInterface({ input: child.stdout }).once('line', (line) =>
			resolve((JSON.parse(line) as { port: number }).port)
		);
		child.once('exit', (code) => reject(new Error(`${name} exited ${code}`)));
	});
	const url = `http://127.0.0.1:${port}`;
	const wsUrl = `ws://127.0.0.1:${port}`;
	return {
		name,
		pid: child.pid as number,
		url,
		editor: (docName) =>
			name === 'hocuspocus'
				? { kind: 'hocuspocus', url: wsUrl, docName }
				: { kind: 'y-websocket', url: wsUrl, docName },
		receiver: (docName) =>
			name === 'hocuspocus'
				? { protocol: 'hocuspocus', url: wsUrl, docName }
				: { protocol: 'y-websocket', url: `${wsUrl}/${docName}`, docName },
		async stop() {
			if (child.exitCode !== null || child.signalCode !== null) return;
			const exited = new Promise((r) => child.once('exit', r));
			child.kill('SIGKILL');
			await exited;
		}
	};
}
