import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startServer, type RequestHandler, type RunningServer } from '../../server/app';
import type { GongzhiConfig } from '../../server/config';
import { DEMO_AGENDA, DEMO_BOARD, DEMO_USERS } from '../../server/demo/demoDistrict';
import { SESSION_COOKIE } from '../../server/auth/sessions';
import { loadAppHandler } from '../../server/http/appHandler';
import type { MessageProvider } from '../../server/messages/MessageProvider';

export interface TestServer extends RunningServer {
	dataDir: string;
	wsUrl: string;
	logs: string[];
	/** The demo documents' ids. */
	agendaId: string;
	boardId: string;
	/** A fresh session for a demo user, as the Cookie header a browser would send. */
	cookieFor(username: string): Promise<string>;
	/** Headers a same-origin browser would send on a websocket upgrade. */
	headersFor(username: string): Promise<Record<string, string>>;
}

export function tempDataDir(): string {
	return mkdtempSync(join(tmpdir(), 'gongzhi-test-'));
}

/**
 * Starts the real server in this process on a free port with a fresh data directory and the
 * demo district. `withApp` mounts the built SvelteKit handler (run `npm run build` first).
 */
export async function startTestServer(
	opts: {
		withApp?: boolean;
		dataDir?: string;
		config?: Partial<GongzhiConfig>;
		/** Receives the text messages (registration codes) instead of the dev provider. */
		messages?: MessageProvider;
	} = {}
): Promise<TestServer> {
	const dataDir = opts.dataDir ?? tempDataDir();
	const logs: string[] = [];
	const config: GongzhiConfig = {
		dataDir,
		demo: true,
		origin: null,
		unloadAfterMs: 300,
		maxPayloadBytes: 1024 * 1024,
		maxDocumentBytes: 20 * 1024 * 1024,
		maxSocketsPerUser: 20,
		log: (line) => logs.push(line),
		smsProvider: 'dev',
		...opts.config
	};
	let handler: RequestHandler | undefined;
	if (opts.withApp) {
		handler = await loadAppHandler(join(process.cwd(), 'build'));
	}
	const server = await startServer(config, {
		port: 0,
		host: '127.0.0.1',
		handler,
		messages: opts.messages
	});
	const docs = await server.services.stores.documents.inCommunities(['c-a']);
	// The demo district holds several boards: tests mean the first project, the lift.
	const board = docs.find((d) => d.kind === 'board' && d.title === DEMO_BOARD.title);
	if (!board) throw new Error('demo board missing');

	const cookieFor = async (username: string) => {
		const user = DEMO_USERS.find((u) => u.username === username);
		if (!user) throw new Error(`no demo user ${username}`);
		const { token } = await server.services.sessions.create(user.id);
		return `${SESSION_COOKIE}=${token}`;
	};
	return {
		...server,
		dataDir,
		wsUrl: server.url.replace('http', 'ws'),
		logs,
		agendaId: DEMO_AGENDA.id,
		boardId: board.id,
		cookieFor,
		headersFor: async (username) => ({ Cookie: await cookieFor(username), Origin: server.url }),
		async close() {
			await server.close();
			if (!opts.dataDir) rmSync(dataDir, { recursive: true, force: true });
		}
	};
}

/** Resolves when `check` returns truthy, polling; rejects with `what` after `timeoutMs`. */
export async function waitFor<T>(
	check: () => T | Promise<T>,
	what: string,
	timeoutMs = 10_000
): Promise<NonNullable<T>> {
	const deadline = Date.now() + timeoutMs;
	for (;;) {
		const value = await check();
		if (value) return value;
		if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
		await new Promise((r) => setTimeout(r, 25));
	}
}
