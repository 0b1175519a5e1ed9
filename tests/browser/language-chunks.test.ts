import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { zhLean } from '../../src/lib/i18n/zh-CN/lean';
import { zhRest } from '../../src/lib/i18n/zh-CN/rest';
import { startTestServer, type TestServer } from '../helpers/server';
import { login, openBrowser, type TestBrowser } from './browser';

/** The scripts a page fetched while loading, as text. */
async function scriptsOf(page: Page, path: string): Promise<string> {
	const bodies: Promise<string>[] = [];
	const onResponse = (response: { url(): string; text(): Promise<string> }) => {
		if (/\.m?js(\?|$)/.test(new URL(response.url()).pathname))
			bodies.push(response.text().catch(() => ''));
	};
	page.on('response', onResponse);
	await page.goto(path, { waitUntil: 'networkidle' });
	page.off('response', onResponse);
	return (await Promise.all(bodies)).join('\n');
}

/** Needs `npx vite build` first (the server mounts the built app). */
describe('each page fetches only its own language', () => {
	let server: TestServer;
	let browser: TestBrowser;

	beforeAll(async () => {
		delete process.env.ORIGIN;
		server = await startTestServer({ withApp: true, config: { origin: null } });
		browser = await openBrowser(server);
	});

	afterAll(async () => {
		await browser?.close();
		await server?.close();
	});

	it('a Chinese page loads no English messages; switching language loads them and shows them', async () => {
		// A fresh context each time: nothing cached from an earlier page.
		const page = await browser.newPage();
		await login(page, browser.base, 'secretary');
		const zh = await scriptsOf(page, `${browser.base}/`);
		expect(await page.textContent('.tagline')).toBe('社区多委联合办公平台');
		expect(zh).toContain('社区多委联合办公平台');
		expect(zh).not.toContain('Joint office for neighbourhood governance');

		await page.click('form[action="/settings?/locale"] button');
		await expect
			.poll(() => page.textContent('.tagline'))
			.toBe('Joint office for neighbourhood governance');
		expect(await page.getAttribute('html', 'lang')).toBe('en');

		// A fresh page in English: hydrated in English, with no Chinese catalogue fetched.
		const fresh = await browser.newPage();
		await fresh.context().addCookies(await page.context().cookies());
		const en = await scriptsOf(fresh, `${browser.base}/`);
		expect(await fresh.textContent('.tagline')).toBe('Joint office for neighbourhood governance');
		expect(en).toContain('Joint office for neighbourhood governance');
		expect(en).not.toContain('社区多委联合办公平台');
		// Still interactive after hydration: the language button switches back.
		await fresh.click('form[action="/settings?/locale"] button');
		await expect.poll(() => fresh.textContent('.tagline')).toBe('社区多委联合办公平台');
	});

	it('the agenda page loads only the lean half of its language; the next page loads the rest', async () => {
		// Still the secretary, in Chinese (the browser's one context, from the case above).
		const page = await browser.newPage();
		const agenda = await scriptsOf(page, `${browser.base}/agenda/${server.agendaId}`);
		await page.waitForSelector('.ProseMirror[contenteditable="true"]');
		// The lean half: the frame and the agenda page's own words. None of the rest: the login,
		// home and dashboard pages' words are not fetched. (Booleans: a failure need not print
		// every script.)
		const has = (text: string) => agenda.includes(text);
		expect(has(zhLean.agenda.fetching)).toBe(true);
		expect(has(zhLean.sync.notSaved)).toBe(true);
		expect(has(zhRest.login.failed)).toBe(false);
		expect(has(zhRest.home.noCommunities)).toBe(false);
		expect(has(zhRest.metrics.badPeriod)).toBe(false);

		// A client-side navigation (no reload: the marker survives) fetches the rest and shows it.
		await page.evaluate(() => ((window as unknown as { stayed: boolean }).stayed = true));
		await page.click('a.brand');
		await expect.poll(() => page.textContent('h1')).toBe(zhRest.home.title);
		expect(await page.evaluate(() => (window as unknown as { stayed?: boolean }).stayed)).toBe(
			true
		);
	});
});
