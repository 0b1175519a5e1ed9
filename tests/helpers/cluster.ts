import { rmSync } from 'node:fs';
import { DEMO_AGENDA } from '../../server/demo/demoDistrict';
import { spawnServer, type ChildServer } from './childServer';
import { tempDataDir } from './server';
import { startTempPostgres, type TempPostgres } from './tempPostgres';
import { startTempRedis, type TempRedis } from './tempRedis';

export type Instance = ChildServer & { cookies: Record<string, string>; boardId: string };

export interface TestCluster {
	redis: TempRedis;
	instances: Instance[];
	/** Starts one more instance (or restarts one in place: `replace` is its index). */
	start(name: string, replace?: number): Promise<Instance>;
	stop(): Promise<void>;
}

/** Users with a session cookie on every instance (sessions live in the shared database). */
const USERS = ['secretary', 'oc-member', 'rc-member', 'resident'];

/**
 * A throwaway PostgreSQL and Redis and `count` Gongzhi instances on them, each a child process on
 * its own free port, as an operator would run them behind a load balancer. The first instance
 * loads the demo district alone; the others start once it has.
 */
export async function startCluster(count: number): Promise<TestCluster> {
	const redis = await startTempRedis();
	let pg: TempPostgres | null = null;
	const dirs: string[] = [];
	const instances: Instance[] = [];
	try {
		pg = await startTempPostgres();
		const databaseUrl = await pg.createDatabase();
		let cookies: Record<string, string> | undefined;
		const start = async (name: string, replace?: number) => {
			// Each instance has its own DATA_DIR, as on separate machines.
			const dataDir = tempDataDir();
			dirs.push(dataDir);
			const instance = await spawnServer({
				dataDir,
				agendaId: DEMO_AGENDA.id,
				sessionsFor: cookies ? [] : USERS,
				cookies,
				env: { DATABASE_URL: databaseUrl, REDIS_URL: redis.url, GONGZHI_INSTANCE_ID: name }
			});
			cookies ??= instance.cookies;
			if (replace === undefined) instances.push(instance);
			else instances[replace] = instance;
			return instance;
		};
		for (let i = 0; i < count; i++) await start(`gz-${i + 1}`);
		return {
			redis,
			instances,
			start,
			async stop() {
				for (const s of instances) await s.kill9();
				await redis.stop();
				await pg?.stop();
				for (const d of dirs) rmSync(d, { recursive: true, force: true });
			}
		};
	} catch (error) {
		for (const s of instances) await s.kill9();
		await redis.stop();
		await pg?.stop();
		for (const d of dirs) rmSync(d, { recursive: true, force: true });
		throw error;
	}
}
