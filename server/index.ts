/**
 * Production entry: SvelteKit's adapter-node handler behind our one HTTP server.
 * Run through `npm start` (which builds first when needed).
 */
import { resolve } from 'node:path';
import { startServer } from './app';
import { configFromEnv } from './config';
import { DEMO_PASSWORD, DEMO_USERS } from './demo/demoDistrict';
import { loadAppHandler } from './http/appHandler';

const config = configFromEnv();
const port = Number(process.env.PORT ?? 3000);
const host = process.env.HOST ?? '0.0.0.0';

const buildDir = resolve(process.env.GONGZHI_BUILD_DIR ?? 'build');
const handler = await loadAppHandler(buildDir);

const server = await startServer(config, { port, host, handler });
const where = config.databaseUrl ? 'data in PostgreSQL' : `data in ${config.dataDir}`;
const cluster = config.redisUrl ? `, instance ${server.services.bus.instanceId} of a cluster` : '';
config.log(`Gongzhi 共治 is serving on http://localhost:${server.port} (${where}${cluster})`);
if (config.demo) {
	config.log(
		`Demo accounts (password "${DEMO_PASSWORD}"): ${DEMO_USERS.map((u) => u.username).join(', ')}`
	);
	config.log(`Log in at http://localhost:${server.port}/login`);
}

let stopping = false;
const stop = (signal: string) => {
	if (stopping) return;
	stopping = true;
	config.log(`${signal}: closing connections and flushing storage…`);
	server.close().then(
		() => process.exit(0),
		(err: unknown) => {
			console.error(err);
			process.exit(1);
		}
	);
};
process.on('SIGTERM', () => stop('SIGTERM'));
process.on('SIGINT', () => stop('SIGINT'));
