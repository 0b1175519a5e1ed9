import { mkdirSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MessageProvider } from '../../server/messages/MessageProvider';
import { startTestServer, type TestServer } from '../helpers/server';
import { login, openBrowser, type TestBrowser } from './browser';

/**
 * Issue 4, the four-level chain, in Chromium: a resident registers on a phone-sized page with
 * the code the (captured) text message carried, and lands on the home page as a resident of
 * their community. Screenshots of /register and the chain page go to .scratch/ at both sizes.
 * Needs `npm run build` first (the server mounts the built app).
 */
describe('registration on a phone', () => {
	let server: TestServer;
	let phone: TestBrowser;
	let desktop: TestBrowser;
	const texts: { phone: string; text: string }[] = [];
	const capture: MessageProvider = {
		send: async (to, text) => {
			texts.push({ phone: to, text });
		}
	};

	beforeAll(async () => {
		delete process.env.ORIGIN;
		mkdirSync('.scratch', { recursive: true });
		server = await startTestServer({ withApp: true, config: { origin: null }, messages: capture });
		[phone, desktop] = await Promise.all([
			openBrowser(server),
			openBrowser(server, { width: 1280, height: 800 })
		]);
	});

	afterAll(async () => {
		await Promise.all([phone?.close(), desktop?.close()]);
		await server?.close();
	});

	it('a new resident registers with the texted code and lands home with the resident role only', async () => {
		const page = await phone.newPage();
		// The community picker acts once the page's script runs (it loads the page's language
		// first): on a loaded machine a pick made before that was lost and the test timed out.
		await page.goto(`${phone.base}/register`, { waitUntil: 'networkidle' });
		await page.selectOption('select[name="c"]', 'c-a');
		await page.waitForSelector('select[name="grid"]');
		await page.selectOption('select[name="grid"]', 'c-a-g1');
		await page.selectOption('select[name="building"]', 'c-a-g1-b1');
		await page.fill('input[name="room"]', '2单元301');
		await page.fill('input[name="name"]', '张秀兰');
		await page.fill('input[name="phone"]', '135 0000 0001');
		await page.fill('input[name="password"]', 'zhang-xiulan-2026');
		await page.click('button[formaction="?/sendCode"]');
		await page.waitForSelector('.notice');
		await page.screenshot({ path: '.scratch/register-phone.png', fullPage: true });
		const code = /\b(\d{6})\b/.exec(texts.find((t) => t.phone === '13500000001')?.text ?? '')?.[1];
		expect(code).toBeDefined();
		// The password typed before the code was sent is still there (the form was not reset).
		expect(await page.inputValue('input[name="password"]')).toBe('zhang-xiulan-2026');
		await page.fill('input[name="code"]', code!);
		await Promise.all([
			page.waitForURL((url) => url.pathname === '/'),
			page.click('form.register-form button[type="submit"]:not([formaction])')
		]);
		await expect.poll(() => page.textContent('main')).toContain('丽泽园');
		const resident = await server.services.stores.residents.byPhone('13500000001');
		expect(resident).toMatchObject({ gridId: 'c-a-g1', buildingId: 'c-a-g1-b1', status: 'active' });
		const roles = await server.services.stores.org.membershipsOf(resident!.userId);
		expect(roles.map((m) => [m.unitId, m.role])).toEqual([['c-a', 'resident']]);
	});

	it('screenshots: /register on a desktop, the chain page at both sizes', async () => {
		const page = await desktop.newPage();
		await page.goto(`${desktop.base}/register?c=c-a`);
		await page.screenshot({ path: '.scratch/register-desktop.png', fullPage: true });
		await login(page, desktop.base, 'secretary');
		await page.goto(`${desktop.base}/c/c-a/chain`);
		await expect.poll(() => page.textContent('h1')).toContain('网格与楼栋');
		await page.screenshot({ path: '.scratch/chain-desktop.png', fullPage: true });
		await page.setViewportSize({ width: 390, height: 844 });
		await page.screenshot({ path: '.scratch/chain-phone.png', fullPage: true });
		await page.goto(`${desktop.base}/c/c-a/chain/import`);
		await page.screenshot({ path: '.scratch/import-phone.png', fullPage: true });
	});
});
