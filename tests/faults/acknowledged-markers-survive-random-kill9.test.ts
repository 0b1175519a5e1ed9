import Database from 'better-sqlite3';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, expect, test } from 'vitest';
import { DEMO_AGENDA, DEMO_BOARD } from '../../server/demo/demoDistrict';
import type { Board } from '../../src/lib/domain/board';
import { boardClient } from '../helpers/automergeClient';
import { spawnServer, type ChildServer } from '../helpers/childServer';
import { envNumber, seededRandom } from '../helpers/seededRandom';
import { tempDataDir, waitFor } from '../helpers/server';
import { openAgenda, paragraphText } from '../helpers/yjsClient';
import { boardMarkerWriter, yjsMarkerWriter, type MarkerWriter } from './markerWriters';

/**
 * Issue 3 item 10. CI runs 10 kills; FAULTS_KILLS=50 is the full run. FAULTS_SEED replays one.
 */
const KILLS = envNumber('FAULTS_KILLS', 10);
const SEED = envNumber('FAULTS_SEED', 20261210);
const WRITERS = ['secretary', 'rc-member', 'oc-member', 'pm-staff'];
const CHECKER = 'resident';

const dataDir = tempDataDir();
let server: ChildServer & { cookies: Record<string, string> };
afterAll(async () => {
	await server?.kill9();
	rmSync(dataDir, { recursive: true, force: true });
});

function integrityCheck(): string {
	// Read-only: opening read-write and closing would checkpoint the WAL and tidy away the very
	// state the crash left behind.
	const db = new Database(join(dataDir, 'gongzhi.sqlite'), { readonly: true });
	try {
		return (db.pragma('integrity_check', { simple: true }) as string) ?? 'no answer';
	} finally {
		db.close();
	}
}

function demoBoardId(): string {
	const db = new Database(join(dataDir, 'gongzhi.sqlite'), { readonly: true });
	try {
		const row = db
			.prepare(`SELECT id FROM documents WHERE kind = 'board' AND community_id = 'c-a'`)
			.get() as { id: string } | undefined;
		if (!row) throw new Error('no demo board');
		return row.id;
	} finally {
		db.close();
	}
}

/** What a fresh client with empty storage sees now: the agenda's text and the task's notes. */
async function freshView(boardId: string, taskId: string) {
	const agenda = await openAgenda(server, CHECKER);
	const agendaText = paragraphText(agenda.doc, 0) + paragraphText(agenda.doc, 1);
	agenda.destroy();
	const reader = await boardClient(server, CHECKER);
	try {
		const handle = await reader.find<Board>(boardId);
		return { agendaText, notes: handle.doc().tasks[taskId]?.notes ?? '' };
	} finally {
		await reader.close();
	}
}

test(
	'every acknowledged marker survives SIGKILL at random moments, and the database stays intact',
	{ timeout: 60_000 + KILLS * 20_000 },
	async () => {
		const random = seededRandom(SEED);
		server = await spawnServer({
			dataDir,
			agendaId: DEMO_AGENDA.id,
			sessionsFor: [...WRITERS, CHECKER]
		});
		const board = { id: demoBoardId(), taskId: DEMO_BOARD.tasks[0].id };
		const yjsAcked = new Set<string>();
		const boardAcked = new Set<string>();
		let written = 0;
		for (let round = 0; round < KILLS; round++) {
			// 20 writers: 10 on the agenda, 10 on the board, five connections per writing user.
			const writers: MarkerWriter[] = await Promise.all(
				Array.from({ length: 20 }, (_, i) => {
					const user = WRITERS[i % WRITERS.length] as string;
					const stream = seededRandom(random.int(0, 2 ** 31));
					const every = random.int(20, 80);
					return i < 10
						? yjsMarkerWriter(server, user, `Y${round}.${i}`, stream, every)
						: boardMarkerWriter(server, user, board, `A${round}.${i}`, stream, every);
				})
			);
			// Most kills land while every kind of writer is writing; one in four while they connect.
			if (random.chance(0.75)) {
				await waitFor(
					() => writers.slice(10).some((w) => w.written.length > 0),
					'a board writer to start',
					20_000
				).catch(() => console.log(`[faults] round ${round}: no board writer started in 20 s`));
			}
			await new Promise((r) => setTimeout(r, random.int(100, 2500)));
			await server.kill9();
			// Writers go first: a reconnecting writer re-sends its state and would hide a server
			// that forgot.
			await Promise.all(writers.map((w) => w.close()));
			writers.forEach((w, i) => {
				written += w.written.length;
				for (const m of w.acked) (i < 10 ? yjsAcked : boardAcked).add(m);
			});
			expect(integrityCheck(), `integrity after kill ${round}`).toBe('ok');

			server = await spawnServer({ dataDir, agendaId: DEMO_AGENDA.id, cookies: server.cookies });
			const seen = await freshView(board.id, board.taskId);
			const lostYjs = [...yjsAcked].filter((m) => !seen.agendaText.includes(m));
			const lostBoard = [...boardAcked].filter((m) => !seen.notes.includes(m));
			expect({ round, lostYjs, lostBoard }).toEqual({ round, lostYjs: [], lostBoard: [] });
		}
		console.log(
			`[faults] kill -9 × ${KILLS} (seed ${SEED}): ${written} markers written, ` +
				`${yjsAcked.size} Yjs + ${boardAcked.size} Automerge acknowledged, none lost`
		);
		// The run must have exercised something: most rounds get writers connected before the kill.
		expect(yjsAcked.size).toBeGreaterThan(KILLS * 10);
		expect(boardAcked.size).toBeGreaterThan(KILLS * 3);
	}
);
