/**
 * Scenario 2, board sync: Gongzhi (auth, access checks, SQLite appends before relaying) against a
 * plain automerge-repo sync server (no auth, file storage without fsync), each in its own
 * process pinned to core 0, every client in worker processes pinned to core 1, loopback only.
 *  - 50 clients on one 200-task board, 5 of them changing it twice a second: change-to-display
 *    latency, the server's share (socket to socket), server CPU per delivered change, memory.
 *  - 1,000 boards opened once each: time to first sync, server memory per open idle board.
 */
import {
	forkOpenWorkers,
	measureOpen,
	measureSync,
	type OpenFigures,
	type SyncFigures
} from '../boards/boardMeasures';
import { startGongzhi, startPlain, type BoardServer } from '../boards/boardServers';
import { prepareGongzhiData, storeBoards } from '../boards/gongzhiData';
import { ascending, quantile, ratio, round2, thin } from '../boards/procStats';
import { makeBoard, underNewId, type SeedBoard } from '../boards/seedBoards';
import type { BenchContext, BenchRow, BenchScenario } from './types';

const PEER = 'automerge-repo';

function params(quick: boolean) {
	return quick
		? {
				sync: {
					clients: 10,
					writers: 5,
					observers: 1,
					editMs: 500,
					seconds: 4,
					// 10 clients: their last changes arrive within a few hundred ms.
					settleMs: 1500,
					workers: 2,
					clientCore: 1
				},
				boards: 50,
				open: { workers: 1, clientsPerWorker: 5, clientCore: 1 }
			}
		: {
				sync: {
					clients: 50,
					writers: 5,
					observers: 5,
					editMs: 500,
					seconds: 30,
					// The automerge-repo throttles (100 ms on each side) and a loaded core: 3 s is plenty.
					settleMs: 3000,
					workers: 5,
					clientCore: 1
				},
				boards: 1000,
				open: { workers: 2, clientsPerWorker: 10, clientCore: 1 }
			};
}

interface Figures {
	sync: SyncFigures;
	open: OpenFigures;
}

async function measure(
	ctx: BenchContext,
	server: BoardServer,
	big: SeedBoard,
	small: SeedBoard[],
	p: ReturnType<typeof params>
): Promise<Figures> {
	const opener = forkOpenWorkers(
		server,
		small.map((b) => b.id),
		p.open
	);
	try {
		const sync = await measureSync(server, big, p.sync);
		ctx.log(
			`${server.name}: ${sync.writes} changes, ${sync.delivered} deliveries, ${sync.missing} missing, server CPU ${sync.serverCpuMs} ms (waited ${Math.round(sync.serverWaitedMs)} ms for a core), client workers CPU ${sync.clientCpuMs} ms, over ${Math.round(sync.wallMs)} ms`
		);
		const open = await measureOpen(server, opener);
		ctx.log(
			`${server.name}: ${open.firstSyncMs.length} boards opened in ${Math.round(open.wallMs)} ms (server CPU ${open.serverCpuMs} ms, client workers CPU ${open.clientCpuMs} ms), ${open.failures.length} failed${open.failures[0] ? ` (${open.failures[0]})` : ''}`
		);
		return { sync, open };
	} finally {
		await opener.stop();
		await server.stop();
	}
}

export const boardSync: BenchScenario = {
	name: 'board sync',
	async run(ctx) {
		const p = params(ctx.quick);
		const big = makeBoard(200, 0, 2);
		// One small board's history under many ids: every board costs its server the same.
		const template = makeBoard(20, 0, 3);
		const small = Array.from({ length: p.boards }, () => underNewId(template));
		ctx.log(
			`board sync: ${p.sync.clients} clients (${p.sync.writers} writing), ${p.boards} boards`
		);
		const plain = await measure(ctx, await startPlain([big, ...small]), big, small, p);
		const dataDir = await prepareGongzhiData((stores) => storeBoards(stores, [big, ...small]));
		const gongzhi = await measure(ctx, await startGongzhi(dataDir), big, small, p);
		return rows(p, gongzhi, plain);
	}
};

function rows(p: ReturnType<typeof params>, g: Figures, peer: Figures): BenchRow[] {
	const syncName = `board sync ${p.sync.clients} clients, ${p.sync.writers} writers × ${1000 / p.sync.editMs}/s`;
	const openName = `${p.boards} boards opened once`;
	const out: BenchRow[] = [];
	const latency = (metric: string, pick: (f: Figures) => number[], q: number, target: boolean) => {
		const gv = round2(quantile(ascending(pick(g)), q));
		const pv = round2(quantile(ascending(pick(peer)), q));
		out.push({
			scenario: syncName,
			metric,
			unit: 'ms',
			gongzhi: gv,
			peers: { [PEER]: pv },
			ratio: ratio(gv, pv),
			...(target ? { target: `≤ 1 × ${PEER}`, met: gv <= pv } : { met: null }),
			...(q === 0.99 ? { samples: { gongzhi: thin(pick(g)), [PEER]: thin(pick(peer)) } } : {})
		});
	};
	latency('p50 change-to-display', (f) => f.sync.endToEnd, 0.5, false);
	latency('p99 change-to-display', (f) => f.sync.endToEnd, 0.99, true);
	latency('p50 server share (socket to socket)', (f) => f.sync.serverShare, 0.5, false);
	latency('p99 server share (socket to socket)', (f) => f.sync.serverShare, 0.99, true);
	const perChange = (f: Figures) => f.sync.serverCpuMs / Math.max(1, f.sync.delivered);
	out.push({
		scenario: syncName,
		metric: 'server CPU per delivered change',
		unit: 'cpu-ms',
		gongzhi: round2(perChange(g) * 1000) / 1000,
		peers: { [PEER]: round2(perChange(peer) * 1000) / 1000 },
		ratio: ratio(perChange(g), perChange(peer)),
		target: `≤ 1 × ${PEER}`,
		met: perChange(g) <= perChange(peer)
	});
	out.push({
		scenario: syncName,
		metric: 'undelivered (change, client) pairs',
		unit: '%',
		gongzhi: round2((100 * g.sync.missing) / Math.max(1, g.sync.writes * (p.sync.clients - 1))),
		peers: {
			[PEER]: round2(
				(100 * peer.sync.missing) / Math.max(1, peer.sync.writes * (p.sync.clients - 1))
			)
		},
		met: g.sync.missing === 0 ? true : null
	});
	out.push({
		scenario: syncName,
		metric: 'server memory after the edits',
		unit: 'MiB',
		gongzhi: round2(g.sync.memoryAfterMiB),
		peers: { [PEER]: round2(peer.sync.memoryAfterMiB) },
		ratio: ratio(g.sync.memoryAfterMiB, peer.sync.memoryAfterMiB),
		met: null
	});
	for (const q of [0.5, 0.99]) {
		const gv = round2(quantile(ascending(g.open.firstSyncMs), q));
		const pv = round2(quantile(ascending(peer.open.firstSyncMs), q));
		out.push({
			scenario: openName,
			metric: `p${q * 100} time to first sync`,
			unit: 'ms',
			gongzhi: gv,
			peers: { [PEER]: pv },
			ratio: ratio(gv, pv),
			met: null,
			...(q === 0.99
				? { samples: { gongzhi: thin(g.open.firstSyncMs), [PEER]: thin(peer.open.firstSyncMs) } }
				: {})
		});
	}
	const perBoard = (f: Figures) =>
		((f.open.memoryAfterMiB - f.open.memoryBeforeMiB) * 1024) /
		Math.max(1, f.open.firstSyncMs.length);
	out.push({
		scenario: openName,
		metric: 'server memory per open idle board',
		unit: 'KB',
		gongzhi: round2(perBoard(g)),
		peers: { [PEER]: round2(perBoard(peer)) },
		ratio: ratio(perBoard(g), perBoard(peer)),
		target: `≤ 1 × ${PEER}`,
		met: perBoard(g) <= perBoard(peer)
	});
	out.push({
		scenario: openName,
		metric: 'boards that failed to open',
		unit: '%',
		gongzhi: round2((100 * g.open.failures.length) / p.boards),
		peers: { [PEER]: round2((100 * peer.open.failures.length) / p.boards) },
		met: g.open.failures.length === 0 ? true : null
	});
	return out;
}
