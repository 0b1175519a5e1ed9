import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../helpers/server';
import {
	caretAtEndOfParagraph,
	editorText,
	login,
	openBrowser,
	waitForConnection,
	waitForPending,
	type TestBrowser
} from './browser';

/** Needs `npx vite build` first (the server mounts the built app). */
describe('readers and shared phones in Chromium', () => {
	let server: TestServer;
	let writer: TestBrowser;
	let reader: TestBrowser;

	beforeAll(async () => {
		delete process.env.ORIGIN;
		server = await startTestServer({ withApp: true, config: { origin: null } });
		[writer, reader] = await Promise.all([
			openBrowser(server, { width: 1280, height: 800 }),
			openBrowser(server)
		]);
	});

	afterAll(async () => {
		await Promise.all([writer?.close(), reader?.close()]);
		await server?.close();
	});

	it('a reader sees the agenda and board read-only and produces no changes', async () => {
		const page = await reader.newPage();
		await login(page, reader.base, 'resident');
		await page.goto(`${reader.base}/agenda/${server.agendaId}`);
		await waitForConnection(page, 'online');
		await expect.poll(() => editorText(page)).toContain('3号楼电梯');
		expect(await page.getAttribute('.gz-editor', 'contenteditable')).toBe('false');
		const before = await editorText(page);
		await caretAtEndOfParagraph(page, 0).catch(() => undefined);
		await page.keyboard.type('reader-typed');
		await page.waitForTimeout(500);
		expect(await editorText(page)).toBe(before);
		await waitForPending(page, false);

		await page.goto(`${reader.base}/board/${server.boardId}`);
		await waitForConnection(page, 'online');
		await page.waitForSelector('[data-testid="task"]');
		expect(await page.locator('[data-testid="new-task"]').count()).toBe(0);
		expect(await page.locator('[data-testid="task-done"]').count()).toBe(0);
		await waitForPending(page, false);
		// The client never marked a local change, and the server never refused one from it.
		const marks = await page.evaluate(() =>
			Object.keys(localStorage).filter((k) => k.includes(':dirty:'))
		);
		expect(marks).toEqual([]);
		expect(server.logs.filter((l) => l.includes('u-resident') && /clos|refus/.test(l))).toEqual([]);
	});

	it('logging out on a shared browser leaves none of that user’s documents in IndexedDB', async () => {
		const page = await writer.newPage();
		await login(page, writer.base, 'secretary');
		await page.goto(`${writer.base}/board/${server.boardId}`);
		await waitForConnection(page, 'online');
		await page.goto(`${writer.base}/agenda/${server.agendaId}`);
		await waitForConnection(page, 'online');
		await caretAtEndOfParagraph(page, 0);
		await page.keyboard.type('写完再退出');
		await waitForPending(page, false);
		const dbNames = () =>
			page.evaluate(async () => (await indexedDB.databases()).map((d) => d.name ?? ''));
		expect((await dbNames()).filter((n) => n.startsWith('gz:u-secretary:')).length).toBe(2);

		await Promise.all([
			page.waitForURL((url) => url.pathname.startsWith('/login')),
			page.click('form[action="/logout"] button')
		]);
		await expect
			.poll(async () => (await dbNames()).filter((n) => n.startsWith('gz:u-secretary:')))
			.toEqual([]);
		const pages = await page.evaluate(async () =>
			(await caches.keys()).filter((k) => k.startsWith('gz-pages'))
		);
		expect(pages).toEqual([]);
	});
});
