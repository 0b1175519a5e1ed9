/**
 * Scenario 5, cold open: a board with 200 tasks and 5,000 changes of history and an agenda with
 * 20,000 edits of history, each stored as compaction leaves a long-lived document. Measured on
 * Gongzhi (built app, in this process; `npm run build` first):
 *  - server load: the board read into a cold room (in-process), and each document's first
 *    sync to a stock client from a cold server;
 *  - Chromium, logged in: page navigation → editable (the board shows its 200 tasks with the
 *    new-task field; the agenda editor is contenteditable with the last edit shown) → input
 *    accepted (a typed task / typed text appears).
 * Every measurement waits for the document to unload first, so each is a cold open.
 */
import { existsSync, rmSync } from 'node:fs';
import type { Page } from 'playwright-core';
import * as Y from 'yjs';
import { DEMO_AGENDA } from '../../server/demo/demoDistrict';
import { newAgenda } from '../../server/yjs/newAgenda';
import { AGENDA_FRAGMENT } from '../../src/lib/domain/agenda';
import type { Board } from '../../src/lib/domain/board';
import { seededRandom } from '../../tests/helpers/seededRandom';
import { startTestServer, type TestServer } from '../../tests/helpers/server';
import { openAgenda } from '../../tests/helpers/yjsClient';
import { caretAtEndOfParagraph, login, openBrowser } from '../../tests/browser/browser';
import { benchRepoClient } from '../boards/benchRepoClient';
import { prepareGongzhiData, storeAgenda, storeBoards } from '../boards/gongzhiData';
import { typeOffline } from '../boards/offlineEdits';
import { ascending, quantile, round2, sleep, until } from '../boards/procStats';
import { makeBoard } from '../boards/seedBoards';
import type { BenchRow, BenchScenario } from './types';

const UNLOAD_MS = 300;
const END_MARK = '【议程完】';
const median = (xs: number[]) => round2(quantile(ascending(xs), 0.5));

/** An agenda whose stored state is `edits` keystrokes typed into the demo agenda. */
function historyAgenda(edits: number): Y.Doc {
	const doc = new Y.Doc();
	Y.applyUpdate(doc, newAgenda(DEMO_AGENDA.blocks).update);
	typeOffline(doc, edits, seededRandom(5));
	// A last paragraph the page must show before it counts as loaded.
	const p = new Y.XmlElement('paragraph');
	p.insert(0, [new Y.XmlText(END_MARK)]);
	doc.getXmlFragment(AGENDA_FRAGMENT).push([p]);
	return doc;
}

async function timed(work: () => Promise<unknown>): Promise<number> {
	const t0 = performance.now();
	await work();
	return performance.now() - t0;
}

/** Waits for the room to unload (no client, past the unload delay). */
const cold = () => sleep(UNLOAD_MS + 700);

async function openBoardPage(page: Page, base: string, id: string, tasks: number) {
	const t0 = performance.now();
	await page.goto(`${base}/board/${id}`, { waitUntil: 'commit' });
	await page.waitForFunction(
		(n) =>
			!!document.querySelector('[data-testid="new-task"]') &&
			document.querySelectorAll('[data-testid="task"]').length >= n,
		tasks,
		{ timeout: 60_000, polling: 'raf' }
	);
	const editable = performance.now() - t0;
	await page.getByTestId('new-task').fill('基准新任务');
	await page.getByTestId('add-task').click();
	await page.waitForFunction(
		() =>
			[...document.querySelectorAll('[data-testid="task"] .title')].some(
				(e) => e.textContent === '基准新任务'
			),
		undefined,
		{ timeout: 30_000, polling: 'raf' }
	);
	return { editable, accepted: performance.now() - t0 };
}

async function openAgendaPage(page: Page, base: string, id: string) {
	const t0 = performance.now();
	await page.goto(`${base}/agenda/${id}`, { waitUntil: 'commit' });
	await page.waitForFunction(
		(mark) => {
			const editor = document.querySelector('.gz-editor[contenteditable="true"]');
			return !!editor && (editor.textContent ?? '').includes(mark);
		},
		END_MARK,
		{ timeout: 60_000, polling: 'raf' }
	);
	const editable = performance.now() - t0;
	await caretAtEndOfParagraph(page, 0);
	await page.keyboard.type('基准');
	await page.waitForFunction(
		() => (document.querySelector('.gz-editor')?.textContent ?? '').includes('基准'),
		undefined,
		{ timeout: 30_000, polling: 'raf' }
	);
	return { editable, accepted: performance.now() - t0 };
}

export const coldOpen: BenchScenario = {
	name: 'cold open',
	async run(ctx) {
		if (!existsSync('build/handler.js')) throw new Error('cold open needs `npm run build` first');
		const boardChanges = ctx.quick ? 1000 : 5000;
		const agendaEdits = ctx.quick ? 5000 : 20_000;
		const rounds = ctx.quick ? 1 : 3;
		const board = makeBoard(200, boardChanges, 21);
		const agenda = historyAgenda(agendaEdits);
		const agendaId = 'meeting-bench-cold';
		const dataDir = await prepareGongzhiData(async (stores) => {
			await storeBoards(stores, [board], { compacted: true });
			await storeAgenda(stores, agendaId, agenda);
		});
		delete process.env.ORIGIN;
		const server: TestServer = await startTestServer({
			withApp: true,
			dataDir,
			config: { origin: null, unloadAfterMs: UNLOAD_MS }
		});
		const target = {
			port: server.port,
			path: '/sync/automerge',
			cookies: { secretary: await server.cookieFor('secretary') }
		};
		const f = { boardRead: [] as number[], boardSync: [] as number[], agendaSync: [] as number[] };
		type PageTimes = { editable: number; accepted: number };
		const pages = { board: [] as PageTimes[], agenda: [] as PageTimes[] };
		try {
			// A running server has used Automerge before: its first load in a process also compiles
			// the wasm's code paths (~0.5 s here), which is not what a cold document costs.
			await server.services.automerge.read<Board>(server.boardId);
			for (let r = 0; r < rounds; r++) {
				await cold();
				f.boardRead.push(await timed(() => server.services.automerge.read<Board>(board.id)));
				await cold();
				f.boardSync.push(
					await timed(async () => {
						const client = await benchRepoClient(target, 'secretary');
						const handle = await client.repo.find<Board>(client.url(board.id));
						await until(() => handle.doc()?.tasks !== undefined, 'the board', 60_000, 1);
						await client.close();
					})
				);
				await cold();
				f.agendaSync.push(
					await timed(async () =>
						(await openAgenda(server, 'secretary', { docId: agendaId })).destroy()
					)
				);
			}
			ctx.log(
				`server: board read ${f.boardRead.map(Math.round).join(', ')} ms, board sync ${f.boardSync.map(Math.round).join(', ')} ms, agenda sync ${f.agendaSync.map(Math.round).join(', ')} ms`
			);
			for (let r = 0; r < rounds; r++) {
				// A fresh browser each round: nothing of the page is cached but the login's shell.
				const browser = await openBrowser(server, { width: 390, height: 844 });
				try {
					const page = await browser.newPage();
					await login(page, browser.base, 'secretary');
					await cold();
					pages.board.push(await openBoardPage(page, browser.base, board.id, 200));
					await page.goto('about:blank');
					await cold();
					pages.agenda.push(await openAgendaPage(page, browser.base, agendaId));
				} finally {
					await browser.close();
				}
			}
			ctx.log(
				`chromium: board ${JSON.stringify(pages.board)}, agenda ${JSON.stringify(pages.agenda)}`
			);
		} finally {
			await server.close();
			rmSync(dataDir, { recursive: true, force: true });
		}
		const boardName = `cold open board 200 tasks, ${boardChanges} changes`;
		const agendaName = `cold open agenda ${agendaEdits} edits`;
		const row = (scenario: string, metric: string, values: number[]): BenchRow => ({
			scenario,
			metric: `${metric} (median of ${values.length})`,
			unit: 'ms',
			gongzhi: median(values),
			peers: {},
			met: null
		});
		return [
			row(boardName, 'server load into a cold room', f.boardRead),
			row(boardName, 'first sync to a stock client, cold server', f.boardSync),
			row(
				boardName,
				'Chromium navigation → editable',
				pages.board.map((p) => p.editable)
			),
			row(
				boardName,
				'Chromium navigation → typed task shown',
				pages.board.map((p) => p.accepted)
			),
			row(agendaName, 'first sync to a stock client, cold server', f.agendaSync),
			row(
				agendaName,
				'Chromium navigation → editable',
				pages.agenda.map((p) => p.editable)
			),
			row(
				agendaName,
				'Chromium navigation → typed text shown',
				pages.agenda.map((p) => p.accepted)
			)
		];
	}
};
