import Database from 'better-sqlite3';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startTestServer, waitFor, type TestServer } from '../helpers/server';
import { openAgenda, paragraphText } from '../helpers/yjsClient';
import {
	caretAtEndOfParagraph,
	editorText,
	login,
	openBrowser,
	waitForConnection,
	waitForPending,
	type TestBrowser
} from './browser';

/**
 * Issue 3 item 11 in Chromium: the session expires while the browser is cut off. The page must
 * keep the edits (on screen and as pending), must not hammer the server while the upgrade answers
 * 401, and must sync them once the user has logged in again. Needs `npm run build` first.
 */
let server: TestServer;
let browser: TestBrowser;
let agenda: Page;
beforeAll(async () => {
	delete process.env.ORIGIN;
	server = await startTestServer({ withApp: true, config: { origin: null } });
	browser = await openBrowser(server);
	agenda = await browser.newPage();
	await login(agenda, browser.base, 'secretary');
	await agenda.goto(`${browser.base}/agenda/${server.agendaId}`);
	await waitForConnection(agenda, 'online');
});
afterAll(async () => {
	await browser?.close();
	await server?.close();
});

it('a session that expired while offline keeps its local edits and syncs them after logging in again', async () => {
	browser.proxy.cut();
	await waitForConnection(agenda, 'offline');
	await caretAtEndOfParagraph(agenda, 0);
	await agenda.keyboard.type(' OFFLINE-EXPIRED-EDIT');
	await waitForPending(agenda, true);

	// The session ends while the browser cannot hear about it: its row is gone from the database.
	const db = new Database(join(server.dataDir, 'gongzhi.sqlite'));
	const removed = db
		.prepare(`DELETE FROM sessions WHERE user_id = (SELECT id FROM users WHERE username = ?)`)
		.run('secretary').changes;
	db.close();
	expect(removed).toBeGreaterThan(0);

	// Back on the network: every upgrade now answers 401. Count how often the page knocks.
	let upgrades = 0;
	agenda.on('websocket', () => upgrades++);
	browser.proxy.restore();
	await new Promise((r) => setTimeout(r, 6000));
	expect(await editorText(agenda)).toContain('OFFLINE-EXPIRED-EDIT');
	await waitForPending(agenda, true);
	await waitForConnection(agenda, 'offline');
	// y-websocket backs off (to 2.5 s): a handful of retries in 6 s, not a tight loop.
	expect(upgrades).toBeLessThanOrEqual(8);
	// The page tells the user why, and how to get their edits through.
	const expired = agenda.getByTestId('session-expired');
	await expired.waitFor({ timeout: 20_000 });
	expect(await expired.getAttribute('href')).toMatch(/^\/login\?redirectTo=%2Fagenda%2F/);

	// The user logs in again in another tab; the open page's next retry carries the new cookie.
	const again = await browser.context.newPage();
	await login(again, browser.base, 'secretary');
	await waitForConnection(agenda, 'online');
	await waitForPending(agenda, false);
	expect(await editorText(agenda)).toContain('OFFLINE-EXPIRED-EDIT');

	// And the server has it: a fresh client with empty storage sees the edit.
	const fresh = await openAgenda(server, 'resident');
	await waitFor(
		() => paragraphText(fresh.doc, 0).includes('OFFLINE-EXPIRED-EDIT'),
		'the server to hold the offline edit'
	);
	fresh.destroy();
	await again.close();
});
