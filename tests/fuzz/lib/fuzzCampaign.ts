import * as A from '@automerge/automerge';
import { rmSync } from 'node:fs';
import { DEMO_AGENDA } from '../../../server/demo/demoDistrict';
import type { Board } from '../../../src/lib/domain/board';
import { boardClient, type BoardClient } from '../../helpers/automergeClient';
import { spawnServer } from '../../helpers/childServer';
import { tempDataDir, waitFor } from '../../helpers/server';
import { openAgenda, paragraph, paragraphText, type AgendaClient } from '../../helpers/yjsClient';
import { automergeTarget } from './automergeTarget';
import { runFuzzer, type FuzzFigures } from './runFuzzer';
import { yjsTarget } from './yjsTarget';

export interface Health {
	eventLoop: { maxDelayMs: number; p99DelayMs: number; meanDelayMs: number };
	memory: { rssBytes: number; heapUsedBytes: number };
	yjs: { connections: number; openDocuments: number };
	automerge: { connections: number; openDocuments: number };
}

export interface CampaignFigures {
	seed: number;
	framesSent: number;
	durationMs: number;
	perTarget: FuzzFigures[];
	/** Worst event-loop stall inside the server while it was fuzzed. */
	worstStallMs: number;
	p99StallMs: number;
	memoryBefore: Health['memory'];
	memoryAfter: Health['memory'];
	/** Bystander edits made and seen by an observer while the fuzzers ran, and the slowest. */
	bystanderRounds: number;
	bystanderFailures: string[];
	slowestPropagationMs: number;
	serverAlive: boolean;
	serverStderrTail: string[];
}

export interface CampaignOptions {
	seed: number;
	/** Frames per endpoint. */
	framesPerTarget: number;
	concurrency: number;
	/** Pin the server to core 0 (`taskset`); the caller pins itself to core 1. */
	pinServer?: boolean;
	log?: (line: string) => void;
}

async function health(url: string, query = ''): Promise<Health> {
	const res = await fetch(`${url}/healthz${query}`);
	return (await res.json()) as Health;
}

/**
 * The whole run: a real server in a child process (with `--expose-gc` so memory is compared
 * after collection), a writer and an observer on each endpoint editing throughout, and both
 * fuzzers at once, logged in as users of their own so the per-user socket cap is not what
 * stops them. Returns the figures; the caller decides what passes.
 */
export async function runFuzzCampaign(opts: CampaignOptions): Promise<CampaignFigures> {
	const log = opts.log ?? (() => {});
	const dataDir = tempDataDir();
	const server = await spawnServer({
		dataDir,
		agendaId: DEMO_AGENDA.id,
		sessionsFor: ['secretary', 'oc-member', 'rc-member', 'pm-staff'],
		execArgv: ['--expose-gc'],
		pinCore: opts.pinServer ? 0 : undefined
	});
	const clients: { agenda: AgendaClient[]; boards: BoardClient[] } = { agenda: [], boards: [] };
	try {
		const yWriter = await openAgenda(server, 'rc-member');
		const yObserver = await openAgenda(server, 'pm-staff');
		clients.agenda.push(yWriter, yObserver);
		const writerCloses: string[] = [];
		yWriter.provider.on('connection-close', (e: { code?: number; reason?: string } | null) =>
			writerCloses.push(`${e?.code ?? '?'} ${e?.reason ?? ''}`.trim())
		);
		const aWriter = await boardClient(server, 'rc-member');
		const aObserver = await boardClient(server, 'pm-staff');
		clients.boards.push(aWriter, aObserver);
		const writerBoard = await aWriter.find<Board>(server.boardId);
		const observerBoard = await aObserver.find<Board>(server.boardId);
		const taskId = Object.keys(writerBoard.doc().tasks)[0] as string;

		let rounds = 0;
		let slowest = 0;
		const failures: string[] = [];
		const bystanderRound = async () => {
			const marker = `[b${rounds}]`;
			const started = Date.now();
			paragraph(yWriter.doc).insert(0, marker);
			writerBoard.change((d) => A.splice(d, ['tasks', taskId, 'notes'], 0, 0, marker));
			try {
				await waitFor(() => paragraphText(yObserver.doc).includes(marker), `yjs ${marker}`);
				await waitFor(
					() => observerBoard.doc().tasks[taskId]?.notes.includes(marker),
					`automerge ${marker}`
				);
				slowest = Math.max(slowest, Date.now() - started);
			} catch (err) {
				failures.push(String(err));
			}
			rounds++;
		};
		await bystanderRound();
		const before = await health(server.url, '?gc=1&reset=eventLoop');
		log(`server up on ${server.url}; rss ${(before.memory.rssBytes / 2 ** 20).toFixed(1)} MiB`);

		const started = Date.now();
		let fuzzing = true;
		const bystanders = (async () => {
			while (fuzzing) {
				await bystanderRound();
				await new Promise((r) => setTimeout(r, 200));
			}
		})();
		const progress = setInterval(() => {
			void health(server.url).then(
				(h) => log(`… stall so far ${h.eventLoop.maxDelayMs} ms, rounds ${rounds}`),
				() => log('… /healthz did not answer')
			);
		}, 5000);
		const cookie = (name: string) => server.cookies[name] ?? '';
		const perTarget = await Promise.all([
			runFuzzer({
				host: '127.0.0.1',
				port: server.port,
				target: yjsTarget(DEMO_AGENDA.id),
				cookie: cookie('secretary'),
				seed: opts.seed,
				frames: opts.framesPerTarget,
				concurrency: opts.concurrency
			}),
			runFuzzer({
				host: '127.0.0.1',
				port: server.port,
				target: automergeTarget(server.boardId),
				cookie: cookie('oc-member'),
				seed: opts.seed + 1,
				frames: opts.framesPerTarget,
				concurrency: opts.concurrency
			})
		]);
		clearInterval(progress);
		fuzzing = false;
		await bystanders;
		const durationMs = Date.now() - started;
		const during = await health(server.url);
		await bystanderRound();
		if (writerCloses.length > 0)
			failures.push(
				`the yjs writer was disconnected ${writerCloses.length} times (${writerCloses.join(', ')})`
			);
		// Let idle rooms unload and closing sockets finish before comparing memory.
		await new Promise((r) => setTimeout(r, 1500));
		const after = await health(server.url, '?gc=1');
		return {
			seed: opts.seed,
			framesSent: perTarget.reduce((n, f) => n + f.framesSent, 0),
			durationMs,
			perTarget,
			worstStallMs: during.eventLoop.maxDelayMs,
			p99StallMs: during.eventLoop.p99DelayMs,
			memoryBefore: before.memory,
			memoryAfter: after.memory,
			bystanderRounds: rounds,
			bystanderFailures: failures,
			slowestPropagationMs: slowest,
			serverAlive: server.child.exitCode === null && server.child.signalCode === null,
			serverStderrTail: server.stderr.slice(-5)
		};
	} finally {
		for (const c of clients.agenda) c.destroy();
		await Promise.all(clients.boards.map((c) => c.close()));
		const exited = new Promise((r) => server.child.once('exit', r));
		if (server.child.exitCode === null) server.child.kill('SIGTERM');
		await Promise.race([exited, new Promise((r) => setTimeout(r, 5000))]);
		await server.kill9();
		rmSync(dataDir, { recursive: true, force: true });
	}
}
