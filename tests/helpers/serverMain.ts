/**
 * A server in its own process for tests that kill it (kill -9): the sync endpoints without the
 * SvelteKit handler, on DATA_DIR and PORT from the environment. Prints one JSON line (`{"port":…,"cookies":{…}}`) with the
 * port and, for each user named in SESSIONS_FOR, a session cookie (stored in DATA_DIR, so it
 * still works after a restart on the same directory).
 */
import { startServer } from '../../server/app';
import { configFromEnv } from '../../server/config';
import { DEMO_USERS } from '../../server/demo/demoDistrict';
import { SESSION_COOKIE } from '../../server/auth/sessions';
import { openSqliteStores } from '../../server/storage/sqlite';
import { MemoryYjsUpdateStore } from './MemoryYjsUpdateStore';

const config = { ...configFromEnv(), log: (line: string) => console.error(line) };
// The bench's persistence-cost scenario: everything in SQLite as usual except the Yjs update log.
const stores =
	process.env.GONGZHI_BENCH_YJS_STORE === 'memory'
		? { ...openSqliteStores(config.dataDir), yjs: new MemoryYjsUpdateStore() }
		: undefined;
const server = await startServer(config, {
	port: Number(process.env.PORT ?? 0),
	host: '127.0.0.1',
	stores
});
const cookies: Record<string, string> = {};
for (const username of (process.env.SESSIONS_FOR ?? '').split(',').filter(Boolean)) {
	const user = DEMO_USERS.find((u) => u.username === username);
	if (!user) throw new Error(`no demo user ${username}`);
	const { token } = await server.services.sessions.create(user.id);
	cookies[username] = `${SESSION_COOKIE}=${token}`;
}
// The demo board's id is random per database: fuzzers and other child-process tests need it.
const boardId = (await server.services.stores.documents.inCommunities(['c-a'])).find(
	(d) => d.kind === 'board'
)?.id;
console.log(JSON.stringify({ port: server.port, cookies, boardId }));
process.on('SIGTERM', () => {
	server.close().then(
		() => process.exit(0),
		() => process.exit(1)
	);
});
