/**
 * A server in a child process, for tests that kill it (kill -9) and start it again on the same
 * data. The real server without the SvelteKit handler; DATA_DIR, PORT and the other settings
 * come from the environment as in production. Prints `PORT=<n>` once it listens.
 */
import { startServer } from '../../server/app';
import { configFromEnv } from '../../server/config';

const config = configFromEnv();
const server = await startServer(config, {
	port: Number(process.env.PORT ?? 0),
	host: '127.0.0.1'
});
console.log(`PORT=${server.port}`);
process.on('SIGTERM', () => {
	server.close().then(
		() => process.exit(0),
		() => process.exit(1)
	);
});
