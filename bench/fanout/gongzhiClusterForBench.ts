import { rmSync } from 'node:fs';
import { openPgStores } from '../../server/storage/pg';
import { spawnServer, type ChildServer } from '../../tests/helpers/childServer';
import { tempDataDir } from '../../tests/helpers/server';
import { startTempPostgres } from '../../tests/helpers/tempPostgres';
import { startTempRedis } from '../../tests/helpers/tempRedis';
import type { BenchServer } from './BenchServer';
import { benchClients, seedBenchPeople } from './gongzhiForBench';

/**
 * Gongzhi in cluster mode: `instances` processes on one throwaway PostgreSQL and Redis (Debian's
 * packages), all pinned to core 0 so the figures compare with one instance on the same core —
 * what clustering costs, not what a second core adds (on this 2-core machine the other core is
 * the load generator's). Editors and receivers are dealt round-robin over the instances, so
 * every edit crosses Redis to reach most of its readers: the worst case the agenda router
 * avoids. PostgreSQL and Redis run unpinned; their CPU is reported beside the instances'.
 */
export async function startGongzhiClusterForBench(opts: {
	name: string;
	instances: number;
	readers: number;
	writers: number;
	agendas: string[];
}): Promise<BenchServer & { pids: number[] }> {
	const pg = await startTempPostgres();
	const redis = await startTempRedis();
	const databaseUrl = await pg.createDatabase();
	const dirs: string[] = [];
	const children: ChildServer[] = [];
	const start = async (i: number) => {
		const dataDir = tempDataDir();
		dirs.push(dataDir);
		const child = await spawnServer({
			dataDir,
			agendaId: opts.agendas[0] ?? '',
			pinCore: 0,
			execArgv: ['--expose-gc'],
			env: {
				GONGZHI_UNLOAD_MS: '10000',
				DATABASE_URL: databaseUrl,
				REDIS_URL: redis.url,
				GONGZHI_INSTANCE_ID: `${opts.name}-${i + 1}`
			}
		});
		children.push(child);
	};
	try {
		// The first instance migrates and loads the demo district; then the bench's people; then
		// the others.
		await start(0);
		const stores = await openPgStores(databaseUrl, { max: 2 });
		const { readerCookies, writerCookies } = await seedBenchPeople(stores, opts);
		await stores.close();
		for (let i = 1; i < opts.instances; i++) await start(i);
		const on = (i: number) => children[i % children.length] as ChildServer;
		return {
			name: opts.name,
			pid: children[0]?.child.pid as number,
			pids: children.map((c) => c.child.pid as number),
			url: on(0).url,
			...benchClients(on, { readerCookies, writerCookies }),
			stop: () => stopAll()
		};
	} catch (error) {
		await stopAll();
		throw error;
	}

	async function stopAll() {
		for (const c of children) await c.kill9();
		await redis.stop();
		await pg.stop();
		for (const d of dirs) rmSync(d, { recursive: true, force: true });
	}
}
