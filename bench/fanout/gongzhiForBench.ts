import { rmSync } from 'node:fs';
import { AGENDA_SCHEMA_VERSION } from '../../src/lib/domain/agenda';
import { YJS_SYNC_PATH } from '../../src/lib/domain/yjsProtocol';
import { SESSION_COOKIE, SessionService } from '../../server/auth/sessions';
import { openSqliteStores } from '../../server/storage/sqlite';
import { spawnServer } from '../../tests/helpers/childServer';
import { seedBigCommunity } from '../../tests/helpers/seedScale';
import { startTestServer, tempDataDir } from '../../tests/helpers/server';
import type { Stores } from '../../server/storage/Stores';
import type { BenchServer } from './BenchServer';

const COMMUNITY = 'c-a';

/**
 * Gongzhi as deployed: its real auth (a session cookie per account), access checks and SQLite
 * persistence, in its own process pinned to core 0. Receivers are residents — `readers` real
 * accounts with the resident role, one socket each; editors are `writers` residents' committee
 * accounts. Nothing is relaxed: the per-user socket cap stays at its default.
 * `persistence: false` swaps the Yjs update log for an in-memory one (scenario 7 only).
 */
export async function startGongzhiForBench(opts: {
	readers: number;
	writers: number;
	agendas: string[];
	persistence?: boolean;
	/** How long a document stays loaded after its last socket leaves (production: 10 s). */
	unloadMs?: number;
}): Promise<BenchServer> {
	const dataDir = tempDataDir();
	// The demo district first (the community, its roles), then the bench's people and agendas.
	const seeding = await startTestServer({ dataDir, config: { log: () => {} } });
	await seeding.close();
	const stores = openSqliteStores(dataDir);
	const { readerCookies, writerCookies } = await seedBenchPeople(stores, opts);
	await stores.close();

	const server = await spawnServer({
		dataDir,
		agendaId: opts.agendas[0] ?? '',
		pinCore: 0,
		// BENCH_CPU_PROF=<dir>: a V8 CPU profile of the server, written when it stops.
		execArgv: [
			'--expose-gc',
			...(process.env.BENCH_CPU_PROF
				? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_CPU_PROF}`]
				: [])
		],
		env: {
			// The production default: a document unloads ten seconds after its last socket leaves.
			GONGZHI_UNLOAD_MS: String(opts.unloadMs ?? 10_000),
			...(opts.persistence === false ? { GONGZHI_BENCH_YJS_STORE: 'memory' } : {})
		}
	});
	return {
		name: 'gongzhi',
		pid: server.child.pid as number,
		url: server.url,
		...benchClients(() => server, { readerCookies, writerCookies }),
		async stop() {
			if (process.env.BENCH_CPU_PROF) {
				// A clean exit, so V8 writes the profile.
				const exited = new Promise((r) => server.child.once('exit', r));
				server.child.kill('SIGTERM');
				await Promise.race([exited, new Promise((r) => setTimeout(r, 20_000))]);
			}
			await server.kill9();
			rmSync(dataDir, { recursive: true, force: true });
		}
	};
}

/**
 * The bench's people in a store set: `readers` resident accounts in one community, `writers`
 * residents' committee members, the agendas registered, and a session cookie for each.
 */
export async function seedBenchPeople(
	stores: Stores,
	opts: { readers: number; writers: number; agendas: string[] }
): Promise<{ readerCookies: string[]; writerCookies: string[] }> {
	const readers = await seedBigCommunity(stores, {
		communityId: COMMUNITY,
		residents: opts.readers,
		grids: 4,
		buildingsPerGrid: 5,
		firstPhone: 900_000
	});
	const writerIds: string[] = [];
	await stores.transaction(async () => {
		for (let i = 0; i < opts.writers; i++) {
			const id = `u-bench-w${i}`;
			await stores.users.create({
				id,
				username: `bench-writer-${i}`,
				displayName: `议事委员${i}`,
				passwordHash: ''
			});
			await stores.org.addMembership({
				userId: id,
				unitId: COMMUNITY,
				role: 'residents_committee'
			});
			writerIds.push(id);
		}
		for (const id of opts.agendas)
			await stores.documents.register({
				id,
				kind: 'agenda',
				communityId: COMMUNITY,
				createdBy: 'u-secretary',
				title: `bench ${id}`,
				schemaVersion: AGENDA_SCHEMA_VERSION
			});
	});
	const sessions = new SessionService(stores.sessions, stores.users);
	const cookie = async (userId: string) =>
		`${SESSION_COOKIE}=${(await sessions.create(userId)).token}`;
	const readerCookies: string[] = [];
	const writerCookies: string[] = [];
	await stores.transaction(async () => {
		for (const id of readers.residentIds) readerCookies.push(await cookie(id));
		for (const id of writerIds) writerCookies.push(await cookie(id));
	});
	return { readerCookies, writerCookies };
}

/**
 * Editors and receivers as BenchServer hands them out: accounts dealt by index, each client on
 * the instance `on(i)` gives (one server, or a cluster's instances in turn).
 */
export function benchClients(
	on: (i: number) => { url: string; wsUrl: string },
	cookies: { readerCookies: string[]; writerCookies: string[] }
): Pick<BenchServer, 'editor' | 'receiver'> {
	const { readerCookies, writerCookies } = cookies;
	const headers = (cookie: string, i: number) => ({ Cookie: cookie, Origin: on(i).url });
	return {
		editor(docName, i) {
			const c = writerCookies[i % writerCookies.length];
			if (!c) throw new Error(`no writer account ${i}`);
			return {
				kind: 'y-websocket',
				url: on(i).wsUrl + YJS_SYNC_PATH,
				docName,
				headers: headers(c, i)
			};
		},
		receiver(docName, i) {
			const c = readerCookies[i];
			if (!c) throw new Error(`only ${readerCookies.length} reader accounts; asked for ${i + 1}`);
			return {
				protocol: 'y-websocket',
				url: `${on(i).wsUrl}${YJS_SYNC_PATH}/${docName}`,
				docName,
				headers: headers(c, i)
			};
		}
	};
}
