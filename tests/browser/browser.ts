import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Page, type Request } from 'playwright-core';
import { DEMO_PASSWORD } from '../../server/demo/demoDistrict';
import { TcpProxy } from '../helpers/proxy';
import type { TestServer } from '../helpers/server';

const ARGS = [
	'--no-sandbox',
	'--disable-gpu',
	'--disable-quic',
	'--no-first-run',
	'--disable-background-networking',
	'--disable-component-update',
	'--disable-sync'
];

/**
 * One person's browser: its own profile (IndexedDB, service worker, caches) and its own TCP proxy
 * to the server, so `proxy.cut()` really takes this browser offline, websockets included.
 * The proxy passes bytes untouched: the browser's Origin and Host both name the proxy's port,
 * which is what the server's same-origin check compares when no ORIGIN is configured.
 */
export interface TestBrowser {
	context: BrowserContext;
	proxy: TcpProxy;
	base: string;
	newPage(): Promise<Page>;
	close(): Promise<void>;
}

export async function openBrowser(
	server: TestServer,
	viewport = { width: 390, height: 844 }
): Promise<TestBrowser> {
	const proxy = await new TcpProxy({ host: '127.0.0.1', port: server.port }).listen();
	const profile = mkdtempSync(join(tmpdir(), 'gongzhi-chromium-'));
	const context = await chromium.launchPersistentContext(profile, {
		executablePath: '/usr/bin/chromium',
		headless: true,
		args: ARGS,
		viewport
	});
	return {
		context,
		proxy,
		base: proxy.url,
		newPage: async () => {
			const blank = context.pages().find((p) => p.url() === 'about:blank');
			return blank ?? context.newPage();
		},
		async close() {
			await context.close();
			await proxy.close();
			rmSync(profile, { recursive: true, force: true });
		}
	};
}

/**
 * Logs in through the real /login form, as a person would. Done once the browser has committed
 * to a page past /login (the session cookie is set by then). Waiting for that page's `load` as
 * well timed out about one run in four here (cause not found yet); if this ever times out, the
 * error lists the requests still open.
 */
export async function login(page: Page, base: string, username: string) {
	const open = new Set<string>();
	const onRequest = (r: Request) => open.add(`${r.method()} ${r.url()}`);
	const onDone = (r: Request) => open.delete(`${r.method()} ${r.url()}`);
	page.on('request', onRequest);
	page.on('requestfinished', onDone);
	page.on('requestfailed', onDone);
	try {
		await page.goto(`${base}/login`);
		await page.fill('input[name="username"]', username);
		await page.fill('input[name="password"]', DEMO_PASSWORD);
		await Promise.all([
			// Argon2 plus several Chromiums on two cores: a login can take a while under load.
			page.waitForURL((url) => !url.pathname.startsWith('/login'), {
				timeout: 60_000,
				waitUntil: 'commit'
			}),
			// The header has forms of its own (language, text size): press the login form's button.
			page.click('form:has(input[name="password"]) button[type="submit"]')
		]);
	} catch (error) {
		const typed = await page
			.inputValue('input[name="username"]', { timeout: 1000 })
			.catch(() => '?');
		const shown = await page
			.locator('[role="alert"]')
			.allTextContents()
			.catch(() => []);
		open.add(`(username field: "${typed}", alert: "${shown.join(' ')}")`);
		throw new Error(
			`login as ${username} did not leave /login (at ${page.url()}; open: ${[...open].join(', ') || 'none'}): ${String(error)}`,
			{ cause: error }
		);
	} finally {
		page.off('request', onRequest);
		page.off('requestfinished', onDone);
		page.off('requestfailed', onDone);
	}
}

/** Waits until the page's connection badge says `state`. */
export async function waitForConnection(page: Page, state: 'online' | 'offline', timeout = 20_000) {
	await page.waitForSelector(`[data-testid="connection"][data-state="${state}"]`, { timeout });
}

export async function waitForPending(page: Page, pending: boolean, timeout = 20_000) {
	await page.waitForSelector(`[data-testid="pending"][data-pending="${pending}"]`, { timeout });
}

/**
 * Resolves once the service worker has stored this page and said so (a cache entry alone can
 * still be mid-write), so it can be reloaded offline.
 */
export async function waitUntilKeptOffline(page: Page, timeout = 20_000) {
	await page.waitForFunction(
		async () =>
			document.documentElement.dataset.offlineReady === 'true' &&
			!!(await caches.match(location.href, { ignoreVary: true })),
		undefined,
		{ timeout, polling: 200 }
	);
}

/** The document's text, block by block, without other people's caret labels. */
export async function editorText(page: Page): Promise<string> {
	return page.locator('.gz-editor').evaluate((el) => {
		const copy = el.cloneNode(true) as HTMLElement;
		for (const caret of copy.querySelectorAll('.gz-caret')) caret.remove();
		return [...copy.children].map((block) => block.textContent).join('\n');
	});
}

/**
 * Puts the caret at the end of the editor's `n`th paragraph, and checks that it is there: a click
 * that lands while the editor is still taking the focus (or re-rendering after its sync) left the
 * caret where the click fell, and what the test typed or pasted next went in front of the text.
 */
export async function caretAtEndOfParagraph(page: Page, n: number) {
	const p = page.locator('.gz-editor p').nth(n);
	const deadline = Date.now() + 10_000;
	for (;;) {
		await p.click();
		await page.keyboard.press('End');
		const atEnd = await p.evaluate((el) => {
			const selection = getSelection();
			if (!selection?.isCollapsed || !selection.focusNode || !el.contains(selection.focusNode))
				return false;
			const rest = document.createRange();
			rest.setStart(selection.focusNode, selection.focusOffset);
			rest.setEnd(el, el.childNodes.length);
			// Other people's carets are widgets with a name label, not text of the paragraph.
			const after = rest.cloneContents();
			for (const caret of after.querySelectorAll('.gz-caret')) caret.remove();
			if ((after.textContent ?? '') !== '') return false;
			// ProseMirror reads the browser's selection a moment later: what is typed or pasted goes
			// where its own state says, so that must be at the end too (TipTap hangs the editor on
			// its element).
			const editor = (
				el.closest('.gz-editor') as unknown as {
					editor?: {
						view: { nodeDOM(pos: number): Node | null };
						state: {
							selection: {
								empty: boolean;
								$head: {
									depth: number;
									parentOffset: number;
									parent: { content: { size: number } };
									before(): number;
								};
							};
						};
					};
				} | null
			)?.editor;
			if (!editor) return false;
			const { empty, $head } = editor.state.selection;
			return (
				empty &&
				$head.depth > 0 &&
				$head.parentOffset === $head.parent.content.size &&
				editor.view.nodeDOM($head.before()) === el
			);
		});
		if (atEnd) return;
		if (Date.now() > deadline)
			throw new Error(`the caret would not go to the end of paragraph ${n}`);
		await page.waitForTimeout(100);
	}
}

export const PHONE = { width: 390, height: 844 };
export const DESKTOP = { width: 1280, height: 800 };

/**
 * Screenshots of the page at phone and desktop size, `<dir>/<name>-<width>.png`, to be looked at
 * (the bar for every page). `parts` adds one shot per part (a test id or a section class) when a
 * phone page is too long to judge whole; `noOverflow` also asserts that nothing makes the page
 * scroll sideways. The viewport the page had is restored afterwards.
 */
export async function shoot(
	page: Page,
	dir: string,
	name: string,
	opts: { fullPage?: boolean; parts?: string[]; noOverflow?: boolean; desktopHeight?: number } = {}
) {
	mkdirSync(dir, { recursive: true });
	const before = page.viewportSize();
	for (const size of [PHONE, { ...DESKTOP, height: opts.desktopHeight ?? DESKTOP.height }]) {
		await page.setViewportSize(size);
		if (opts.noOverflow) {
			const overflow = await page.evaluate(
				() => document.documentElement.scrollWidth - document.documentElement.clientWidth
			);
			if (overflow > 0)
				throw new Error(`${name} scrolls sideways by ${overflow}px at ${size.width}px`);
		}
		await page.screenshot({
			path: `${dir}/${name}-${size.width}.png`,
			fullPage: opts.fullPage ?? true
		});
		for (const part of opts.parts ?? []) {
			await page
				.locator(`[data-testid="${part}"], section.${part}`)
				.first()
				.screenshot({ path: `${dir}/${name}-${part}-${size.width}.png` });
		}
	}
	if (before) await page.setViewportSize(before);
}
