/**
 * Scenario 4, offline merge: two people edit the same document while apart — K keystrokes each
 * on an agenda, K changes each on a board — then reconnect through the server. Measured: from
 * the moment both reconnect until both replicas are identical (connection handshakes included),
 * against the raw library merge of the same edits in this process (Y.applyUpdate of each side's
 * diff into the other; Automerge.merge both ways). The board is also run through the plain
 * automerge-repo server. Servers are pinned to core 0; the clients run in this process.
 */
import * as A from '@automerge/automerge';
import * as Y from 'yjs';
import { DEMO_AGENDA } from '../../server/demo/demoDistrict';
import { newAgenda } from '../../server/yjs/newAgenda';
import { AGENDA_FRAGMENT } from '../../src/lib/domain/agenda';
import type { Board } from '../../src/lib/domain/board';
import { seededRandom } from '../../tests/helpers/seededRandom';
import { openAgenda, type YjsTarget } from '../../tests/helpers/yjsClient';
import { benchRepoClient } from '../boards/benchRepoClient';
import { startGongzhi, startPlain, type BoardServer } from '../boards/boardServers';
import { prepareGongzhiData, storeAgenda, storeBoards } from '../boards/gongzhiData';
import { changeBoardOffline, typeOffline } from '../boards/offlineEdits';
import { ascending, quantile, ratio, round2, until } from '../boards/procStats';
import { makeBoard, underNewId, type SeedBoard } from '../boards/seedBoards';
import type { BenchContext, BenchRow, BenchScenario } from './types';

const RAW_Y = 'raw Y.applyUpdate';
const RAW_AM = 'raw Automerge.merge';
const PLAIN = 'automerge-repo';

const median = (xs: number[]) => quantile(ascending(xs), 0.5);
const sameStateVector = (a: Y.Doc, b: Y.Doc) => {
	const x = Y.decodeStateVector(Y.encodeStateVector(a));
	const y = Y.decodeStateVector(Y.encodeStateVector(b));
	return x.size === y.size && [...x].every(([client, clock]) => y.get(client) === clock);
};
const sortedHeads = (doc: A.Doc<unknown>) => A.getHeads(doc).sort().join();

/**
 * Raw Yjs merge: each side's missing part computed and applied to a copy of the other. The
 * median of three runs, so a first run's compiling is not counted against the library.
 */
function rawYjsMerge(a: Y.Doc, b: Y.Doc): number {
	const once = () => {
		const copyA = new Y.Doc();
		const copyB = new Y.Doc();
		Y.applyUpdate(copyA, Y.encodeStateAsUpdate(a));
		Y.applyUpdate(copyB, Y.encodeStateAsUpdate(b));
		const t0 = performance.now();
		const forB = Y.encodeStateAsUpdate(copyA, Y.encodeStateVector(copyB));
		const forA = Y.encodeStateAsUpdate(copyB, Y.encodeStateVector(copyA));
		Y.applyUpdate(copyB, forB);
		Y.applyUpdate(copyA, forA);
		const ms = performance.now() - t0;
		if (!sameStateVector(copyA, copyB)) throw new Error('raw Yjs merge did not converge');
		copyA.destroy();
		copyB.destroy();
		return ms;
	};
	return median([once(), once(), once()]);
}

/** Raw Automerge merge both ways on copies, median of three; returns the merged heads too. */
function rawAutomergeMerge(a: A.Doc<Board>, b: A.Doc<Board>) {
	let merged = a;
	const once = () => {
		const copyA = A.clone(a);
		const copyB = A.clone(b);
		const t0 = performance.now();
		merged = A.merge(copyA, b);
		A.merge(copyB, a);
		return performance.now() - t0;
	};
	const ms = median([once(), once(), once()]);
	return { ms, heads: sortedHeads(merged) };
}

/** One agenda round through Gongzhi: both go offline, type `k` keys each, reconnect. */
async function agendaRound(target: YjsTarget, docId: string, k: number, seed: number) {
	const a = await openAgenda(target, 'secretary', { docId });
	const b = await openAgenda(target, 'rc-member', { docId });
	try {
		a.provider.disconnect();
		b.provider.disconnect();
		typeOffline(a.doc, k, seededRandom(seed));
		typeOffline(b.doc, k, seededRandom(seed + 1));
		const raw = rawYjsMerge(a.doc, b.doc);
		const t0 = performance.now();
		a.provider.connect();
		b.provider.connect();
		await until(
			() => sameStateVector(a.doc, b.doc) && a.provider.synced && b.provider.synced,
			'agendas identical',
			120_000,
			1
		);
		const ms = performance.now() - t0;
		const same =
			a.doc.getXmlFragment(AGENDA_FRAGMENT).toJSON() ===
			b.doc.getXmlFragment(AGENDA_FRAGMENT).toJSON();
		if (!same) throw new Error('agendas have the same state vector but differ');
		return { ms, raw };
	} finally {
		a.destroy();
		b.destroy();
	}
}

/** One board round: two phones each hold `k` changes made offline, then connect. */
export async function boardRound(server: BoardServer, board: SeedBoard, k: number, seed: number) {
	const base = A.load<Board>(board.saved);
	const docA = changeBoardOffline(A.clone(base), k, seededRandom(seed), 'A');
	const docB = changeBoardOffline(A.clone(base), k, seededRandom(seed + 1), 'B');
	const { ms: raw, heads: expected } = rawAutomergeMerge(docA, docB);

	const a = await benchRepoClient(server.target, 'secretary', { offline: true });
	const b = await benchRepoClient(server.target, 'rc-member', { offline: true });
	try {
		const ha = a.repo.import<Board>(A.save(docA), { docId: board.id as never });
		const hb = b.repo.import<Board>(A.save(docB), { docId: board.id as never });
		const start = performance.now();
		await Promise.all([a.connect(), b.connect()]);
		await until(
			() => sortedHeads(ha.doc()) === expected && sortedHeads(hb.doc()) === expected,
			'boards identical',
			120_000,
			1
		);
		return { ms: performance.now() - start, raw };
	} finally {
		await a.close();
		await b.close();
	}
}

export const offlineMerge: BenchScenario = {
	name: 'offline merge',
	async run(ctx: BenchContext): Promise<BenchRow[]> {
		const ks = ctx.quick ? [1000] : [1000, 10_000];
		const rounds = ctx.quick ? 1 : 3;
		const boardK = 1000;
		const agendaIds = ks.map((k) => `meeting-bench-merge-${k}`);
		const boardBase = makeBoard(200, 0, 11);
		// One more board than rounds: each server's first merge warms it up and is not counted.
		const boards = Array.from({ length: rounds + 1 }, () => underNewId(boardBase));
		const [warmBoard, ...measuredBoards] = boards as [SeedBoard, ...SeedBoard[]];
		const agenda = new Y.Doc();
		Y.applyUpdate(agenda, newAgenda(DEMO_AGENDA.blocks).update);

		const dataDir = await prepareGongzhiData(async (stores) => {
			for (const id of agendaIds) await storeAgenda(stores, id, agenda);
			await storeBoards(stores, boards);
		});
		const gongzhi = await startGongzhi(dataDir);
		const agendaFigures: { k: number; ms: number[]; raw: number[] }[] = [];
		const boardFigures = { gongzhi: [] as number[], plain: [] as number[], raw: [] as number[] };
		// The floor: the same reconnects with nothing made offline (handshakes, cookie auth, the
		// sync round trips of a document both sides already share), so the rows above can be
		// read as floor + merge.
		const floors = { agenda: [] as number[], board: [] as number[], boardPlain: [] as number[] };
		try {
			const target = gongzhi.gongzhi as NonNullable<typeof gongzhi.gongzhi>;
			for (let r = 0; r < rounds; r++)
				floors.agenda.push((await agendaRound(target, agendaIds[0] as string, 0, r)).ms);
			for (const [r, board] of measuredBoards.entries())
				floors.board.push((await boardRound(gongzhi, board, 0, r)).ms);
			ctx.log(
				`nothing to merge: agenda ${floors.agenda.map(Math.round).join(', ')} ms, board ${floors.board.map(Math.round).join(', ')} ms`
			);
			for (const [i, k] of ks.entries()) {
				// A first merge of a size runs on cold code (server and clients) and was the slowest
				// of the three in every full run: one round first, not counted, warms it up.
				if (!ctx.quick) {
					const warm = await agendaRound(target, agendaIds[i] as string, k, 7 * k);
					ctx.log(`agenda K=${k}: warm-up round ${Math.round(warm.ms)} ms, not counted`);
				}
				const f = { k, ms: [] as number[], raw: [] as number[] };
				for (let r = 0; r < rounds; r++) {
					const { ms, raw } = await agendaRound(target, agendaIds[i] as string, k, 100 * r + k);
					f.ms.push(ms);
					f.raw.push(raw);
				}
				ctx.log(
					`agenda K=${k}: through Gongzhi ${f.ms.map(Math.round).join(', ')} ms, raw ${f.raw.map(Math.round).join(', ')} ms`
				);
				agendaFigures.push(f);
			}
			// The quick mode (a regression check against ratios taken without them, in under two
			// minutes) skips the warm-ups.
			if (!ctx.quick) {
				const warm = await boardRound(gongzhi, warmBoard, boardK, 999);
				ctx.log(`board: warm-up round through Gongzhi ${Math.round(warm.ms)} ms, not counted`);
			}
			for (const [r, board] of measuredBoards.entries()) {
				const { ms, raw } = await boardRound(gongzhi, board, boardK, 1000 + r);
				boardFigures.gongzhi.push(ms);
				boardFigures.raw.push(raw);
			}
			ctx.log(
				`board: through Gongzhi ${boardFigures.gongzhi.map(Math.round).join(', ')} ms, raw ${boardFigures.raw.map(Math.round).join(', ')} ms`
			);
		} finally {
			await gongzhi.stop();
		}
		const plain = await startPlain(boards);
		try {
			for (const [r, board] of measuredBoards.entries())
				floors.boardPlain.push((await boardRound(plain, board, 0, r)).ms);
			if (!ctx.quick) {
				const warm = await boardRound(plain, warmBoard, boardK, 999);
				ctx.log(
					`board: warm-up round through automerge-repo ${Math.round(warm.ms)} ms, not counted`
				);
			}
			for (const [r, board] of measuredBoards.entries())
				boardFigures.plain.push((await boardRound(plain, board, boardK, 1000 + r)).ms);
		} finally {
			await plain.stop();
		}
		ctx.log(
			`board: through automerge-repo ${boardFigures.plain.map(Math.round).join(', ')} ms (nothing to merge: ${floors.boardPlain.map(Math.round).join(', ')} ms)`
		);

		const row = (scenario: string, g: number, raw: number, rawName: string, extra = {}) => ({
			scenario,
			metric: 'reconnect to identical (median)',
			unit: 'ms' as const,
			gongzhi: round2(g),
			peers: { [rawName]: round2(raw), ...extra },
			ratio: ratio(g, raw),
			target: `≤ 1.5 × ${rawName}`,
			met: g <= 1.5 * raw
		});
		const floor = (scenario: string, g: number[], plainMs?: number) => ({
			scenario,
			metric: 'reconnect to identical, nothing to merge (median)',
			unit: 'ms' as const,
			gongzhi: round2(median(g)),
			peers: (plainMs === undefined ? {} : { [PLAIN]: round2(plainMs) }) as Record<string, number>,
			...(plainMs === undefined ? {} : { ratio: ratio(median(g), plainMs) }),
			met: null
		});
		return [
			floor('offline merge agenda, reconnect floor', floors.agenda),
			floor('offline merge board, reconnect floor', floors.board, median(floors.boardPlain)),
			...agendaFigures.map((f) =>
				row(`offline merge agenda K=${f.k} per side`, median(f.ms), median(f.raw), RAW_Y)
			),
			row(
				`offline merge board ${boardK} changes per side`,
				median(boardFigures.gongzhi),
				median(boardFigures.raw),
				RAW_AM,
				{ [PLAIN]: round2(median(boardFigures.plain)) }
			)
		];
	}
};
