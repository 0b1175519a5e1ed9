import type { Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startTestServer, waitFor, type TestServer } from '../helpers/server';
import { login, openBrowser, type TestBrowser } from './browser';

/**
 * A demand the server holds back (429: filed past the person's limit, one at once here) is kept
 * on the phone and sent on a later try, not shown as refused and thrown away. Needs
 * `npm run build` first.
 */
let server: TestServer;
/** Added to the server's clock, so the limit refills without waiting a minute. */
let skew = 0;
let browser: TestBrowser;
let page: Page;

beforeAll(async () => {
	delete process.env.ORIGIN;
	server = await startTestServer({
		withApp: true,
		config: {
			origin: null,
			now: () => Date.now() + skew,
			demandFilings: { perMinute: 1, burst: 1 }
		}
	});
	browser = await openBrowser(server);
	page = await browser.newPage();
	await login(page, browser.base, 'resident');
});
afterAll(async () => {
	await browser?.close();
	await server?.close();
});

const stored = async (description: string) =>
	(await server.services.stores.demands.query({ communityIds: ['c-a'], limit: 200 })).filter(
		(d) => d.description === description
	).length;

async function fileOnPage(description: string) {
	await page.selectOption('select[name="category"]', 'repair');
	await page.fill('textarea[name="description"]', description);
	await page.getByRole('button', { name: '提交' }).click();
}

it('a second demand past the limit waits on the phone, then reaches the server once the limit allows', async () => {
	await page.goto(`${browser.base}/c/c-a/demands/new`);
	await fileOnPage('1号楼单元门关不上');
	await page.getByText('已提交。').waitFor();
	expect(await stored('1号楼单元门关不上')).toBe(1);

	await fileOnPage('1号楼单元门的门禁卡刷不开');
	// Held back, not refused: kept here, no error shown, nothing on the server yet. The notice
	// says "later", not "once connected": the network is fine.
	await page.getByText('已保存在本机。你短时间内提交的诉求较多，稍后会自动发送。').waitFor();
	expect(await page.getByText('联网后自动发送').count()).toBe(0);
	// Shown where the phone is looking: the submit button is a screen further down.
	const box = await page.getByText('你短时间内提交的诉求较多').boundingBox();
	const height = page.viewportSize()?.height ?? 0;
	expect(box && box.y >= 0 && box.y + box.height <= height).toBe(true);
	expect(await page.getByRole('alert').count()).toBe(0);
	expect(await stored('1号楼单元门的门禁卡刷不开')).toBe(0);

	// A minute later (the server's clock) the outbox's next try sends it: here the `online` event
	// starts that try at once instead of after its 20 s interval.
	skew += 60_000;
	await page.evaluate(() => window.dispatchEvent(new Event('online')));
	await waitFor(
		async () => (await stored('1号楼单元门的门禁卡刷不开')) === 1,
		'the held-back demand to reach the server',
		20_000
	);
	expect(await stored('1号楼单元门关不上')).toBe(1);
});
