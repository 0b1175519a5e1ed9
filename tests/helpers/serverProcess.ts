import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';

export interface ServerProcess {
	port: number;
	url: string;
	child: ChildProcess;
	/** Sends the signal and resolves when the process has exited. */
	kill(signal: NodeJS.Signals): Promise<void>;
}

/** Starts tests/helpers/serverMain.ts in a child process on `dataDir`; resolves once it listens. */
export async function startServerProcess(
	dataDir: string,
	env: Record<string, string> = {}
): Promise<ServerProcess> {
	const child = spawn(
		process.execPath,
		['--import', 'tsx', join('tests', 'helpers', 'serverMain.ts')],
		{
			env: { ...process.env, DATA_DIR: dataDir, PORT: '0', ...env },
			stdio: ['ignore', 'pipe', 'pipe']
		}
	);
	let output = '';
	const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
	const port = await new Promise<number>((resolve, reject) => {
		const timer = setTimeout(() => reject(new Error(`server did not start:\n${output}`)), 30_000);
		const onData = (chunk: Buffer) => {
			output += chunk.toString();
			const m = /"port":(\d+)/.exec(output);
			if (m) {
				clearTimeout(timer);
				resolve(Number(m[1]));
			}
		};
		child.stdout?.on('data', onData);
		child.stderr?.on('data', (c: Buffer) => (output += c.toString()));
		child.once('exit', (code) => {
			clearTimeout(timer);
			reject(new Error(`server exited (${code}) before listening:\n${output}`));
		});
	});
	return {
		port,
		url: `http://127.0.0.1:${port}`,
		child,
		async kill(signal) {
			if (child.exitCode === null && child.signalCode === null) child.kill(signal);
			await exited;
		}
	};
}
