import * as A from '@automerge/automerge';
import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Board } from '../../src/lib/domain/board';
import { applyServerChange, readServerBoard } from '../../server/automerge/serverChange';
import { addBoard } from '../helpers/extraDocuments';
import { startTestServer, type TestServer } from '../helpers/server';
import { login, openBrowser, shoot, type TestBrowser, waitForConnection } from './browser';

const SHOTS = '.scratch/history';

/**
 * Issue 5, history in Chromium: a resident's board page checks its synced copy against the
 * server's published record ("历史已核验…", or a warning when a change in the store has no
 * record); the timeline says the deadline moved and who moved it; a past point opens read-only.
 * Screenshots at phone and desktop size go to .scratch/history. Needs `npm run build` first.
 */
describe('board history in the browser', () => {
	let server: TestServer;
	let browser: TestBrowser;
	let page: Page;
	let clean: string;
	let smuggled: string;

	beforeAll(async () => {
		mkdirSync(SHOTS, { recursive: true });
		delete process.env.ORIGIN;
		server = await startTestServer({ withApp: true, config: { origin: null } });
		clean = await addBoard(server, '3号楼电梯更换书记项目');
		await applyServerChange<Board>(
			server.services,
			clean,
			(d) => {
				d.pledge.deadline = '2027-03-31';
			},
			'u-secretary'
		);
		// A change slipped into the store with nobody on record for it (a rewritten store), on a
		// board the server has not loaded yet.
		smuggled = await addBoard(server, '被塞进修改的看板');
		const chunks = await server.services.stores.automerge.load(smuggled);
		let doc = A.init<Board>();
		for (const c of chunks) doc = A.loadIncremental(doc, c);
		const forged = A.change(doc, (d) => {
			d.pledge.deadline = '2099-12-31';
		});
		const change = A.getLastLocalChange(forged)!;
		const db = new Database(join(server.dataDir, 'gongzhi.sqlite'));
		try {
			db.prepare(
				`INSERT INTO automerge_chunks (doc_id, kind, hash, data) VALUES (?, 'change', ?, ?)`
			).run(smuggled, A.decodeChange(change).hash, Buffer.from(change));
		} finally {
			db.close();
		}
		expect((await readServerBoard<Board>(server.services, smuggled)).pledge.deadline).toBe(
			'2099-12-31'
		);
		browser = await openBrowser(server, { width: 390, height: 844 });
		page = await browser.newPage();
		await login(page, browser.base, 'resident');
	});
	afterAll(async () => {
		await browser?.close();
		await server?.close();
	});

	it("a resident's board page verifies its copy against the server's record", async () => {
		await page.goto(`${browser.base}/board/${clean}`);
		await waitForConnection(page, 'online');
		const status = page.getByTestId('history-status');
		await expect
			.poll(() => status.getAttribute('data-state'), { timeout: 20_000 })
			.toBe('verified');
		expect(await status.innerText()).toContain('历史已核验：2 次修改，全部有记录');
		await shoot(page, SHOTS, 'board-verified');
	});

	it('a change the server has no record of is shown as a warning', async () => {
		await page.goto(`${browser.base}/board/${smuggled}`);
		await waitForConnection(page, 'online');
		const status = page.getByTestId('history-status');
		await expect.poll(() => status.getAttribute('data-state'), { timeout: 20_000 }).toBe('differs');
		const text = await status.innerText();
		expect(text).toContain('历史核验未通过');
		expect(text).toContain('本机副本中有 1 次修改服务器没有记录');
		await shoot(page, SHOTS, 'board-differs');
	});

	it('the timeline names who moved the deadline; a past point opens read-only', async () => {
		await page.goto(`${browser.base}/board/${clean}/history`);
		const timeline = page.getByTestId('history-timeline');
		expect(await timeline.innerText()).toContain('把承诺期限从 2026-12-31 改为 2027-03-31');
		expect(await timeline.innerText()).toContain('王建华');
		await shoot(page, SHOTS, 'timeline');
		await page.getByRole('link', { name: '查看当时的看板' }).last().click();
		await page.waitForSelector('[data-testid="past-banner"]');
		expect(await page.getByTestId('past-banner').innerText()).toContain('时的看板（只读）');
		expect(await page.getByTestId('snapshot-deadline').innerText()).toBe('2026-12-31');
		await shoot(page, SHOTS, 'as-it-was');
	});
});
