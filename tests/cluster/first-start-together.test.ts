import { rmSync } from 'node:fs';
import { afterAll, expect, test } from 'vitest';
import { DEMO_AGENDA } from '../../server/demo/demoDistrict';
import { openPgStores } from '../../server/storage/pg';
import { spawnServer, type ChildServer } from '../helpers/childServer';
import { tempDataDir } from '../helpers/server';
import { startTempPostgres, type TempPostgres } from '../helpers/tempPostgres';
import { startTempRedis, type TempRedis } from '../helpers/tempRedis';

let pg: TempPostgres | undefined;
let redis: TempRedis | undefined;
const instances: ChildServer[] = [];
const dirs: string[] = [];
afterAll(async () => {
	for (const s of instances) await s.kill9();
	await redis?.stop();
	await pg?.stop();
	for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

test('three instances started at once on an empty database all come up, and the demo is loaded once', async () => {
	pg = await startTempPostgres();
	redis = await startTempRedis();
	const databaseUrl = await pg.createDatabase();
	const started = await Promise.all(
		['gz-a', 'gz-b', 'gz-c'].map((name) => {
			const dataDir = tempDataDir();
			dirs.push(dataDir);
			return spawnServer({
				dataDir,
				agendaId: DEMO_AGENDA.id,
				env: { DATABASE_URL: databaseUrl, REDIS_URL: redis!.url, GONGZHI_INSTANCE_ID: name }
			});
		})
	);
	instances.push(...started);
	for (const s of started) expect((await fetch(`${s.url}/healthz`)).status).toBe(200);
	const stores = await openPgStores(databaseUrl, { max: 1 });
	try {
		// Seeding appends the demo agenda's first update once; a second seeding would add a row.
		expect(await stores.yjs.count(DEMO_AGENDA.id)).toBe(1);
		expect(await stores.users.byUsername('secretary')).not.toBeNull();
	} finally {
		await stores.close();
	}
});
