import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import type { YjsTarget } from './yjsClient';

const MAIN = fileURLToPath(new URL('./serverMain.ts', import.meta.url));

export interface ChildServer extends YjsTarget {
	url: string;
	port: number;
	child: ChildProcess;
	stderr: string[];
	/** SIGKILL: no shutdown handler runs, nothing is flushed. */
	kill9(): Promise<void>;
}

/** Starts tests/helpers/serverMain.ts in a child process and resolves once it listens. */
export async function spawnServer(opts: {
	dataDir: string;
	agendaId: string;
	port?: number;
	sessionsFor?: string[];
	cookies?: Record<string, string>;
	/** Extra environment (GONGZHI_* limits) and node flags (`--expose-gc`). */
	env?: Record<string, string>;
	execArgv?: string[];
	/** Pin the server to this CPU core with `taskset` (fuzz runs measure the server alone). */
	pinCore?: number;
}): Promise<ChildServer & { cookies: Record<string, string>; boardId: string }> {
	const nodeArgs = [...(opts.execArgv ?? []), '--import', 'tsx', MAIN];
	const [command, args] =
		opts.pinCore === undefined
			? [process.execPath, nodeArgs]
			: ['taskset', ['-c', String(opts.pinCore), process.execPath, ...nodeArgs]];
	const child = spawn(command, args, {
		env: {
			...process.env,
			DATA_DIR: opts.dataDir,
			PORT: String(opts.port ?? 0),
			SESSIONS_FOR: (opts.sessionsFor ?? []).join(','),
			GONGZHI_UNLOAD_MS: '300',
			...opts.env
		},
		stdio: ['ignore', 'pipe', 'pipe']
	});
	const stderr: string[] = [];
	createInterface({ input: child.stderr }).on('line', (l) => stderr.push(l));
	const first = await new Promise<string>((resolve, reject) => {
		createInterface({ input: child.stdout }).once('line', resolve);
		child.once('exit', (code) => reject(new Error(`server exited ${code}: ${stderr.join('\n')}`)));
	});
	const started = JSON.parse(first) as {
		port: number;
		cookies: Record<string, string>;
		boardId: string;
	};
	const cookies = { ...opts.cookies, ...started.cookies };
	const url = `http://127.0.0.1:${started.port}`;
	return {
		url,
		port: started.port,
		wsUrl: url.replace('http', 'ws'),
		agendaId: opts.agendaId,
		child,
		stderr,
		cookies,
		boardId: started.boardId,
		async headersFor(username) {
			const cookie = cookies[username];
			if (!cookie) throw new Error(`no session for ${username}`);
			return { Cookie: cookie, Origin: url };
		},
		async kill9() {
			if (child.exitCode !== null || child.signalCode !== null) return;
			const exited = new Promise((r) => child.once('exit', r));
			child.kill('SIGKILL');
			await exited;
		}
	};
}
