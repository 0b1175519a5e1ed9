import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../helpers/server';
import {
	caretAtEndOfParagraph,
	editorText,
	login,
	openBrowser,
	waitForConnection,
	waitForPending,
	waitUntilKeptOffline,
	type TestBrowser
} from './browser';
import type { Page } from 'playwright-core';

/**
 * Two committee members on their phones: co-editing, Chinese through an IME, one going offline
 * (cut for real at a TCP proxy), reloading offline, and both converging after reconnecting.
 * Needs `npx vite build` first (the server mounts the built app).
 */
describe('live agenda and board in Chromium', () => {
	let server: TestServer;
	let a: TestBrowser;
	let b: TestBrowser;
	let aAgenda: Page;
	let bAgenda: Page;
	let aBoard: Page;
	let bBoard: Page;

	beforeAll(async () => {
		delete process.env.ORIGIN;
		server = await startTestServer({ withApp: true, config: { origin: null } });
		[a, b] = await Promise.all([openBrowser(server), openBrowser(server)]);
		aAgenda = await a.newPage();
		bAgenda = await b.newPage();
		await Promise.all([login(aAgenda, a.base, 'secretary'), login(bAgenda, b.base, 'rc-member')]);
		await Promise.all([
			aAgenda.goto(`${a.base}/agenda/${server.agendaId}`),
			bAgenda.goto(`${b.base}/agenda/${server.agendaId}`)
		]);
		await Promise.all([waitForConnection(aAgenda, 'online'), waitForConnection(bAgenda, 'online')]);
	});

	afterAll(async () => {
		await Promise.all([a?.close(), b?.close()]);
		await server?.close();
	});

	it('co-editors see each other’s text, carets and presence, with Chinese typed through an IME', async () => {
		await caretAtEndOfParagraph(aAgenda, 0);
		await caretAtEndOfParagraph(bAgenda, 0);
		// A composes 共治 the way a pinyin IME does, while B types into the same paragraph.
		const cdp = await a.context.newCDPSession(aAgenda);
		await cdp.send('Input.imeSetComposition', { text: 'gong', selectionStart: 4, selectionEnd: 4 });
		await bAgenda.keyboard.type('B-online-1');
		await cdp.send('Input.imeSetComposition', {
			text: 'gongzhi',
			selectionStart: 7,
			selectionEnd: 7
		});
		await cdp.send('Input.insertText', { text: '共治' });
		await expect.poll(() => editorText(bAgenda), { timeout: 15_000 }).toContain('共治');
		await expect.poll(() => editorText(aAgenda), { timeout: 15_000 }).toContain('B-online-1');
		expect(await editorText(aAgenda)).not.toContain('gongzhi');
		await expect.poll(() => editorText(aAgenda)).toBe(await editorText(bAgenda));

		// Carets carry the name and committee the server put into awareness.
		await bAgenda.waitForSelector('.gz-caret-label:has-text("王建华")', { timeout: 15_000 });
		await aAgenda.waitForSelector('.gz-caret-label:has-text("李秀英")', { timeout: 15_000 });
		await bAgenda.waitForSelector('[data-testid="present-person"][data-user-id="u-secretary"]');
		await waitForPending(aAgenda, false);
		await waitForPending(bAgenda, false);
	});

	it('an offline writer keeps editing, reloads offline, and converges with no edit lost', async () => {
		aBoard = await a.context.newPage();
		bBoard = await b.context.newPage();
		await Promise.all([
			aBoard.goto(`${a.base}/board/${server.boardId}`),
			bBoard.goto(`${b.base}/board/${server.boardId}`)
		]);
		await Promise.all([waitForConnection(aBoard, 'online'), waitForConnection(bBoard, 'online')]);
		await Promise.all([waitUntilKeptOffline(aAgenda), waitUntilKeptOffline(aBoard)]);

		a.proxy.cut();
		await waitForConnection(aAgenda, 'offline');
		await waitForConnection(aBoard, 'offline');

		// Both edit the same paragraph.
		await caretAtEndOfParagraph(aAgenda, 0);
		await aAgenda.keyboard.type('A-offline');
		await caretAtEndOfParagraph(bAgenda, 0);
		await bAgenda.keyboard.type('B-online-2');
		await waitForPending(aAgenda, true);

		// Both edit the board: A adds a task and moves the first to-do, B adds one and writes notes.
		await aBoard.fill('[data-testid="new-task"]', 'A离线任务');
		await aBoard.click('[data-testid="add-task"]');
		const firstTodo = aBoard.locator('[data-testid="column-todo"] [data-testid="task"]').first();
		const movedId = await firstTodo.getAttribute('data-task-id');
		await firstTodo.locator('[data-testid="task-done"]').click();
		await bBoard.fill('[data-testid="new-task"]', 'B在线任务');
		await bBoard.click('[data-testid="add-task"]');
		await bBoard.locator(`[data-task-id="${movedId}"] [data-testid="task-notes"]`).fill('B的备注');
		await waitForPending(aBoard, true);

		// Reload while offline: the service worker serves the pages, IndexedDB the documents.
		await aAgenda.reload();
		await aBoard.reload();
		await expect.poll(() => editorText(aAgenda), { timeout: 15_000 }).toContain('A-offline');
		await aBoard.waitForSelector('[data-testid="task"]:has-text("A离线任务")', { timeout: 15_000 });
		await waitForPending(aAgenda, true);
		await waitForPending(aBoard, true);
		await waitForConnection(aAgenda, 'offline');

		a.proxy.restore();
		await Promise.all([waitForConnection(aAgenda, 'online'), waitForConnection(aBoard, 'online')]);
		for (const page of [aAgenda, bAgenda]) {
			await expect
				.poll(() => editorText(page), { timeout: 20_000 })
				.toMatch(/(?=[\s\S]*A-offline)(?=[\s\S]*B-online-2)(?=[\s\S]*B-online-1)(?=[\s\S]*共治)/);
		}
		await expect.poll(() => editorText(aAgenda)).toBe(await editorText(bAgenda));
		for (const page of [aBoard, bBoard]) {
			await page.waitForSelector('[data-testid="task"]:has-text("A离线任务")', { timeout: 20_000 });
			await page.waitForSelector('[data-testid="task"]:has-text("B在线任务")', { timeout: 20_000 });
			await page.waitForSelector(`[data-testid="column-done"] [data-task-id="${movedId}"]`, {
				timeout: 20_000
			});
		}
		await expect
			.poll(() =>
				aBoard.locator(`[data-task-id="${movedId}"] [data-testid="task-notes"]`).inputValue()
			)
			.toBe('B的备注');
		await Promise.all([waitForPending(aAgenda, false), waitForPending(aBoard, false)]);
	});
});
