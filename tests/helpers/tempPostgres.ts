import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import {
	chmodSync,
	chownSync,
	existsSync,
	mkdtempSync,
	readdirSync,
	readFileSync,
	rmSync
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';

/**
 * A throwaway PostgreSQL server from the Debian package, for tests and benchmarks: its own
 * data directory in /tmp, listening only on a Unix socket in that directory (no port to race
 * for), trust authentication, fsync off. `createDatabase` hands out a fresh, empty database per
 * call, so every contract test starts from nothing.
 *
 * PostgreSQL refuses to run as root; as root (CI, these machines) the server runs as the
 * `postgres` user the Debian package creates.
 */
export interface TempPostgres {
	/** A connection string for a new, empty database. */
	createDatabase(): Promise<string>;
	/** The socket directory (host) and superuser, for tools such as psql. */
	host: string;
	user: string;
	stop(): Promise<void>;
}

/** Where the Debian package put initdb and postgres, or null when PostgreSQL is not installed. */
export function postgresBinDir(): string | null {
	const root = '/usr/lib/postgresql';
	if (!existsSync(root)) return null;
	const versions = readdirSync(root)
		.filter((v) => existsSync(join(root, v, 'bin', 'initdb')))
		.sort((a, b) => Number(b) - Number(a));
	return versions[0] ? join(root, versions[0], 'bin') : null;
}

const asRoot = process.getuid?.() === 0;
const runAs = (cmd: string, args: string[]): [string, string[]] =>
	asRoot ? ['runuser', ['-u', 'postgres', '--', cmd, ...args]] : [cmd, args];

let databases = 0;

export async function startTempPostgres(): Promise<TempPostgres> {
	const bin = postgresBinDir();
	if (!bin) throw new Error('PostgreSQL is not installed (apt-get install postgresql)');
	const dir = mkdtempSync(join(tmpdir(), 'gongzhi-pg-'));
	const data = join(dir, 'data');
	if (asRoot) {
		const ids = spawnSync('id', ['-u', 'postgres'], { encoding: 'utf8' });
		const gids = spawnSync('id', ['-g', 'postgres'], { encoding: 'utf8' });
		chownSync(dir, Number(ids.stdout.trim()), Number(gids.stdout.trim()));
	}
	chmodSync(dir, 0o700);
	const user = 'gongzhi';
	const [initCmd, initArgs] = runAs(join(bin, 'initdb'), [
		'-D',
		data,
		'-U',
		user,
		'--auth=trust',
		'-E',
		'UTF8',
		'--locale=C',
		'--no-sync'
	]);
	const init = spawnSync(initCmd, initArgs, { encoding: 'utf8' });
	if (init.status !== 0) throw new Error(`initdb failed: ${init.stderr || init.stdout}`);

	const [cmd, args] = runAs(join(bin, 'postgres'), [
		'-D',
		data,
		'-k',
		dir,
		'-c',
		'listen_addresses=',
		'-c',
		'fsync=off',
		'-c',
		'synchronous_commit=off',
		'-c',
		'full_page_writes=off',
		'-c',
		'max_connections=300',
		'-c',
		'shared_buffers=32MB'
	]);
	const server: ChildProcess = spawn(cmd, args, { stdio: ['ignore', 'ignore', 'pipe'] });
	let log = '';
	server.stderr?.on('data', (d: Buffer) => {
		log = (log + d.toString()).slice(-4000);
	});
	const admin = (database = 'postgres') =>
		new pg.Client({ host: dir, user, database, connectionTimeoutMillis: 2000 });

	const deadline = Date.now() + 20_000;
	for (;;) {
		const client = admin();
		try {
			await client.connect();
			await client.end();
			break;
		} catch {
			await client.end().catch(() => undefined);
			if (server.exitCode !== null || Date.now() > deadline) {
				server.kill('SIGKILL');
				throw new Error(`PostgreSQL did not start: ${log}`);
			}
			await new Promise((r) => setTimeout(r, 100));
		}
	}

	return {
		host: dir,
		user,
		async createDatabase() {
			const name = `gz_${process.pid}_${++databases}`;
			const client = admin();
			await client.connect();
			try {
				await client.query(`CREATE DATABASE ${name}`);
			} finally {
				await client.end();
			}
			return `postgres://${user}@/${name}?host=${encodeURIComponent(dir)}`;
		},
		async stop() {
			if (server.exitCode === null) {
				const exited = new Promise((r) => server.once('exit', r));
				// Signal the postmaster itself (under runuser, `server` is runuser's pid): SIGINT is a
				// fast shutdown that disconnects clients without waiting for them.
				const postmaster = postmasterPid(data);
				if (postmaster) process.kill(postmaster, 'SIGINT');
				else server.kill('SIGINT');
				await Promise.race([exited, new Promise((r) => setTimeout(r, 5000))]);
				if (server.exitCode === null) {
					if (postmaster) process.kill(postmaster, 'SIGKILL');
					server.kill('SIGKILL');
				}
			}
			rmSync(dir, { recursive: true, force: true });
		}
	};
}

function postmasterPid(data: string): number | null {
	try {
		const pid = Number(readFileSync(join(data, 'postmaster.pid'), 'utf8').split('\n')[0]);
		return Number.isInteger(pid) && pid > 0 ? pid : null;
	} catch {
		return null;
	}
}
