import { expect } from 'vitest';
import type { Page } from 'playwright-core';

/** What every payload tries to do; the checks look for each of its traces. */
const RUN = "window.__pwned=1;document.title='pwned';alert(1)";

/** Markup and template tricks, stored and shown as plain text. */
export const HTML_PAYLOADS: readonly string[] = [
	`<script>${RUN}</script>`,
	`<img src=x onerror="${RUN}">`,
	`<svg onload="${RUN}"></svg>`,
	`<iframe src="javascript:${RUN}"></iframe>`,
	`<a href="jAvAsCrIpT:${RUN}">点我</a>`,
	`<div onclick="${RUN}">x</div>`,
	`"><script>${RUN}</script>`,
	`&lt;script&gt;${RUN}&lt;/script&gt;`,
	`&#60;img src=x onerror=${RUN}&#62;`,
	`<a href="&#106;avascript:${RUN}">x</a>`,
	`{@html '<img src=x onerror=${RUN}>'}`,
	'${alert(1)}',
	"{{constructor.constructor('alert(1)')()}}"
];

/** Link targets that must never become a live `javascript:`, `data:` or `vbscript:` link. */
export const BAD_HREFS: readonly string[] = [
	`javascript:${RUN}`,
	`jAvAsCrIpT:${RUN}`,
	` javascript:${RUN}`,
	`\u0000javascript:${RUN}`,
	`\u0001javascript:${RUN}`,
	`java\tscript:${RUN}`,
	`java\nscript:${RUN}`,
	`javascript&colon;${RUN}`,
	`&#106;avascript:${RUN}`,
	'data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==',
	'DATA:text/html,<script>alert(1)</script>',
	'vbscript:msgbox(1)'
];

/**
 * Text that has broken editors before. Each must be stored and shown as typed; a lone surrogate
 * cannot be: Yjs encodes strings as UTF-8, which has no code for it (it becomes U+FFFD).
 */
export const ODD_UNICODE: readonly string[] = [
	'右到左\u202Eevil.exe\u202C结束',
	'零宽a\u200Db\u200Cc\u2060d\uFEFFe',
	'家庭👨‍👩‍👧‍👦 国旗🇨🇳',
	'组合e\u0301\u0301\u0301 Z\u0337\u0322\u034E\u0344',
	'双向\u2066隔离\u2069 \u200F\u061C',
	'长行' + '很长的一行文字'.repeat(700)
];
export const NUL_TEXT = '空\u0000字节';
export const LONE_SURROGATE = '孤\uD800立\uDC00代理';

/** Records every dialog (and dismisses it) so a test can assert none was opened. */
export function watchDialogs(page: Page): string[] {
	const seen: string[] = [];
	page.on('dialog', (dialog) => {
		seen.push(`${dialog.type()}: ${dialog.message()}`);
		void dialog.dismiss().catch(() => undefined);
	});
	return seen;
}

/** Nothing any payload does happened: no dialog, no global, no changed title. */
export async function expectNothingRan(page: Page, dialogs: readonly string[]) {
	expect(dialogs).toEqual([]);
	const traces = await page.evaluate(() => ({
		pwned: (window as unknown as { __pwned?: unknown }).__pwned ?? null,
		title: document.title
	}));
	expect(traces.pwned).toBeNull();
	expect(traces.title).not.toContain('pwned');
}

/**
 * Everything in the rendered page that could run code: scripts other than SvelteKit's nonce'd
 * (or same-origin module) ones, `on*` attributes, URLs with a scripting scheme (as the browser
 * parses them, so `\0javascript:` counts), and embedding elements inside the content `root`.
 */
export async function dangerousMarkup(page: Page, root: string): Promise<string[]> {
	return page.evaluate((rootSelector) => {
		const found: string[] = [];
		for (const s of document.querySelectorAll('script')) {
			const sameOrigin = s.src !== '' && new URL(s.src).origin === location.origin;
			if (!s.nonce && !sameOrigin) found.push(`script: ${s.outerHTML.slice(0, 80)}`);
		}
		for (const el of document.querySelectorAll('*')) {
			for (const attr of el.getAttributeNames()) {
				if (attr.toLowerCase().startsWith('on')) found.push(`${el.localName}[${attr}]`);
				if (!/^(href|src|action|formaction|xlink:href|data|srcdoc)$/i.test(attr)) continue;
				const value = el.getAttribute(attr) ?? '';
				let scheme: string;
				try {
					scheme = new URL(value, location.href).protocol;
				} catch {
					continue;
				}
				if (/^(javascript|data|vbscript):$/i.test(scheme) || attr === 'srcdoc') {
					found.push(`${el.localName}[${attr}=${value.slice(0, 40)}]`);
				}
			}
		}
		const content = document.querySelector(rootSelector);
		if (!content) found.push(`no ${rootSelector}`);
		for (const el of content?.querySelectorAll(
			'script,iframe,object,embed,frame,svg,math,img,style,link,meta,base'
		) ?? []) {
			found.push(`${el.localName} inside ${rootSelector}`);
		}
		return found;
	}, root);
}

/** The page was served with a strict CSP: no inline script except by nonce, no plugins. */
export function expectStrictCsp(csp: string | undefined) {
	expect(csp).toBeTruthy();
	const scriptSrc = /script-src ([^;]*)/.exec(csp ?? '')?.[1] ?? '';
	expect(scriptSrc).toContain("'self'");
	expect(scriptSrc).toMatch(/'nonce-[^']+'/);
	expect(scriptSrc).not.toContain("'unsafe-inline'");
	expect(scriptSrc).not.toContain("'unsafe-eval'");
	expect(csp).toContain("object-src 'none'");
	expect(csp).toContain("base-uri 'self'");
}
