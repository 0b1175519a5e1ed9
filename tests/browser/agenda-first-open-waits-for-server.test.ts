import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AGENDA_FRAGMENT } from '../../src/lib/domain/agenda';
import { YJS_SYNC_PATH } from '../../src/lib/domain/yjsProtocol';
import { addAgenda } from '../helpers/extraDocuments';
import { startTestServer, type TestServer } from '../helpers/server';
import { openAgenda } from '../helpers/yjsClient';
import {
	caretAtEndOfParagraph,
	login,
	openBrowser,
	shoot,
	waitForConnection,
	waitForPending,
	type TestBrowser
} from './browser';

const SHOTS = '/tmp/shots-agenda';
const SYNC = new RegExp(`${YJS_SYNC_PATH}/`);

/**
 * An agenda opened for the first time on a device has nothing local to show: the editor cannot
 * take typing until the server's copy (and with it the schema version) arrives. The page says so,
 * and says plainly when it cannot arrive, instead of an editor that silently ignores keys while
 * the badge already reads 在线. Needs `npx vite build` first.
 */
describe('an agenda not yet on this device', () => {
	let server: TestServer;
	let browser: TestBrowser;
	let page: Page;

	beforeAll(async () => {
		delete process.env.ORIGIN;
		server = await startTestServer({ withApp: true, config: { origin: null } });
		browser = await openBrowser(server, { width: 390, height: 844 });
		page = await browser.newPage();
		await login(page, browser.base, 'secretary');
	});
	afterAll(async () => {
		await browser?.close();
		await server?.close();
	});

	it('says it is loading while the socket is open but the server has not answered, then takes typing', async () => {
		const id = await addAgenda(server, 'first-open-slow', '首次打开的议程');
		// The socket opens; the server's frames wait here until released.
		let held: (string | Buffer)[] | null = [];
		const release = async () => {
			const frames = held ?? [];
			held = null;
			for (const f of frames) await deliver(f);
		};
		let deliver: (f: string | Buffer) => Promise<void> = async () => {};
		await page.routeWebSocket(SYNC, (ws) => {
			const upstream = ws.connectToServer();
			deliver = async (f) => ws.send(f);
			upstream.onMessage((f) => (held ? held.push(f) : ws.send(f)));
		});

		await page.goto(`${browser.base}/agenda/${id}`);
		await waitForConnection(page, 'online');
		const banner = page.getByTestId('fetching-banner');
		await banner.waitFor();
		expect(await banner.innerText()).toContain('正在从服务器载入');
		expect(await page.locator('.gz-editor').getAttribute('contenteditable')).toBe('false');
		await shoot(page, SHOTS, 'first-open-fetching', { fullPage: false, desktopHeight: 700 });

		await release();
		await banner.waitFor({ state: 'detached' });
		await page.locator('.gz-editor[contenteditable="true"]').waitFor();
		await caretAtEndOfParagraph(page, 0);
		await page.keyboard.type('：已载入');
		await waitForPending(page, false);
		const reader = await openAgenda(server, 'rc-member', { docId: id });
		try {
			expect(reader.doc.getXmlFragment(AGENDA_FRAGMENT).toJSON()).toContain(
				'首次打开的议程 · 开头：已载入'
			);
		} finally {
			reader.destroy();
		}
		await page.unrouteAll();
	});

	it('says it is not on this device when the server cannot be reached', async () => {
		const id = await addAgenda(server, 'first-open-unreachable', '连不上时的议程');
		await page.routeWebSocket(SYNC, (ws) => ws.close({ code: 1011, reason: 'unreachable' }));
		await page.goto(`${browser.base}/agenda/${id}`);
		const banner = page.getByTestId('unavailable-banner');
		await banner.waitFor();
		expect(await banner.innerText()).toContain('本机没有副本');
		expect(await page.getByTestId('fetching-banner').count()).toBe(0);
		expect(await page.locator('.gz-editor').getAttribute('contenteditable')).toBe('false');
		await shoot(page, SHOTS, 'first-open-unavailable', { fullPage: false, desktopHeight: 700 });
		await page.unrouteAll();
	});
});
