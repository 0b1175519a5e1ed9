import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import type { BrowserContext, Page } from 'playwright-core';

/** What one page fetched, by kind, in bytes. */
export interface PageWeight {
	path: string;
	status: number;
	/** Body bytes on the wire as the server sent them (compressed when it compressed). */
	js: number;
	wasm: number;
	/** The same files as brotli (the build's .br where adapter-node made one), as over HTTPS. */
	jsBrotli: number;
	wasmBrotli: number;
	/** The same files uncompressed. */
	jsRaw: number;
	/** Content-Encoding seen on scripts and on the HTML document. */
	scriptEncodings: string[];
	documentEncoding: string;
	files: string[];
}

/** Size of a built client file as brotli: its precompressed sibling if there is one. */
function brotliSize(buildClient: string, pathname: string): { br: number; raw: number } {
	const file = join(buildClient, decodeURIComponent(pathname));
	if (!existsSync(file)) return { br: NaN, raw: NaN };
	const raw = statSync(file).size;
	if (existsSync(`${file}.br`)) return { br: statSync(`${file}.br`).size, raw };
	const bytes = readFileSync(file);
	const br = brotliCompressSync(bytes, {
		params: { [constants.BROTLI_PARAM_QUALITY]: constants.BROTLI_MAX_QUALITY }
	}).length;
	return { br, raw };
}

export const gzipSize = (bytes: Buffer) => gzipSync(bytes, { level: 9 }).length;

/**
 * Opens `path` in a fresh tab with the browser cache cleared and disabled, waits until `ready`
 * holds and the network has been idle, and adds up the JavaScript and wasm the page fetched
 * (lazy chunks included).
 */
export async function measurePage(
	context: BrowserContext,
	base: string,
	path: string,
	buildClient: string,
	ready: (page: Page) => Promise<void> = async () => {}
): Promise<PageWeight> {
	const page = await context.newPage();
	const cdp = await context.newCDPSession(page);
	await cdp.send('Network.enable');
	await cdp.send('Network.clearBrowserCache');
	await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
	const pending: Promise<void>[] = [];
	const out: PageWeight = {
		path,
		status: 0,
		js: 0,
		wasm: 0,
		jsBrotli: 0,
		wasmBrotli: 0,
		jsRaw: 0,
		scriptEncodings: [],
		documentEncoding: '',
		files: []
	};
	page.on('requestfinished', (request) => {
		pending.push(
			(async () => {
				const url = new URL(request.url());
				const kind = url.pathname.endsWith('.wasm')
					? 'wasm'
					: /\.m?js$/.test(url.pathname)
						? 'js'
						: null;
				if (!kind) return;
				const [sizes, response] = await Promise.all([request.sizes(), request.response()]);
				const encoding = (await response?.headerValue('content-encoding')) ?? 'identity';
				const { br, raw } = brotliSize(buildClient, url.pathname);
				out.files.push(`${url.pathname} ${sizes.responseBodySize} B ${encoding}`);
				if (kind === 'wasm') {
					out.wasm += sizes.responseBodySize;
					out.wasmBrotli += br;
				} else {
					out.js += sizes.responseBodySize;
					out.jsBrotli += br;
					out.jsRaw += raw;
					if (!out.scriptEncodings.includes(encoding)) out.scriptEncodings.push(encoding);
				}
			})()
		);
	});
	const response = await page.goto(base + path, { waitUntil: 'load' });
	out.status = response?.status() ?? 0;
	out.documentEncoding = (await response?.headerValue('content-encoding')) ?? 'identity';
	await ready(page);
	await page.waitForLoadState('networkidle');
	await Promise.all(pending);
	await page.close();
	return out;
}
