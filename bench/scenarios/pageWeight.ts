/**
 * Scenario 6, page weight: the JavaScript and wasm each main page fetches in Chromium, logged in
 * as the secretary, with the browser cache cleared and service workers blocked (what the page
 * itself asks for; lazy chunks included). Reported as the server sent it and as brotli (what a
 * phone gets over HTTPS, where Chromium asks for br). Targets: agenda ≤ 200 KB, community pages
 * ≤ 100 KB (there is no `/c/[id]` page itself: the pages the home page links a community to
 * are measured); the Automerge wasm only on pages that show a board. Needs `npm run build`.
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { DEMO_AGENDA } from '../../server/demo/demoDistrict';
import { DEMO_MEETINGS } from '../../server/demo/demoMeetings';
import { login } from '../../tests/browser/browser';
import { TcpProxy } from '../../tests/helpers/proxy';
import { startTestServer } from '../../tests/helpers/server';
import { measurePage, type PageWeight } from '../boards/pageFetches';
import { round2 } from '../boards/procStats';
import type { BenchRow, BenchScenario } from './types';

// As tests/browser/browser.ts: the flags Debian's Chromium needs here.
const ARGS = [
	'--no-sandbox',
	'--disable-gpu',
	'--disable-quic',
	'--no-first-run',
	'--disable-background-networking',
	'--disable-component-update',
	'--disable-sync'
];
const KB = (bytes: number) => round2(bytes / 1024);

interface PageSpec {
	name: string;
	path: string;
	showsBoard: boolean;
	targetKB?: number;
	/** A selector that is there once the page has done its first work (lazy imports included). */
	ready?: string;
}

export const pageWeight: BenchScenario = {
	name: 'page weight',
	async run(ctx) {
		if (!existsSync('build/handler.js')) throw new Error('page weight needs `npm run build` first');
		delete process.env.ORIGIN;
		const server = await startTestServer({ withApp: true, config: { origin: null } });
		const pages: PageSpec[] = [
			{ name: 'home', path: '/', showsBoard: false },
			{ name: 'community demands', path: '/c/c-a/demands', showsBoard: false, targetKB: 100 },
			{ name: 'community projects', path: '/c/c-a/projects', showsBoard: false, targetKB: 100 },
			{ name: 'community meetings', path: '/c/c-a/meetings', showsBoard: false, targetKB: 100 },
			{
				name: 'agenda',
				path: `/agenda/${DEMO_AGENDA.id}`,
				showsBoard: false,
				targetKB: 200,
				ready: '.gz-editor'
			},
			{
				name: 'board',
				path: `/board/${server.boardId}`,
				showsBoard: true,
				ready: '[data-testid="tasks"]'
			},
			{ name: 'meeting', path: `/m/${DEMO_MEETINGS[1]?.id}`, showsBoard: false }
		];
		const proxy = await new TcpProxy({ host: '127.0.0.1', port: server.port }).listen();
		const profile = mkdtempSync(join(tmpdir(), 'gongzhi-bench-chromium-'));
		const context = await chromium.launchPersistentContext(profile, {
			executablePath: '/usr/bin/chromium',
			headless: true,
			args: ARGS,
			serviceWorkers: 'block'
		});
		const measured: { spec: PageSpec; weight: PageWeight }[] = [];
		try {
			const first = context.pages()[0] ?? (await context.newPage());
			await login(first, proxy.url, 'secretary');
			for (const spec of pages) {
				const weight = await measurePage(
					context,
					proxy.url,
					spec.path,
					join('build', 'client'),
					async (page) => {
						if (spec.ready) await page.waitForSelector(spec.ready, { timeout: 30_000 });
					}
				);
				ctx.log(
					`${spec.name} ${spec.path} (${weight.status}): JS ${KB(weight.js)} KB as served (${weight.scriptEncodings.join('/')}), ${KB(weight.jsBrotli)} KB brotli, ${KB(weight.jsRaw)} KB raw; wasm ${KB(weight.wasm)} KB; HTML ${weight.documentEncoding}`
				);
				if (process.env.BENCH_PAGE_FILES) ctx.log(weight.files.join(' '));
				measured.push({ spec, weight });
			}
		} finally {
			await context.close();
			rmSync(profile, { recursive: true, force: true });
			await proxy.close();
			await server.close();
		}
		const rows: BenchRow[] = [];
		for (const { spec, weight } of measured) {
			const scenario = `page weight ${spec.name} (${spec.path.replace(/\/[^/]{20,}$/, '/…')})`;
			rows.push({
				scenario,
				metric: `JS as served (${weight.scriptEncodings.join('/')})`,
				unit: 'KB',
				gongzhi: KB(weight.js),
				peers: {},
				met: null
			});
			rows.push({
				scenario,
				metric: 'JS brotli',
				unit: 'KB',
				gongzhi: KB(weight.jsBrotli),
				peers: {},
				...(spec.targetKB
					? { target: `≤ ${spec.targetKB} KB`, met: KB(weight.jsBrotli) <= spec.targetKB }
					: { met: null })
			});
			rows.push({
				scenario,
				metric: 'Automerge wasm fetched (as served)',
				unit: 'KB',
				gongzhi: KB(weight.wasm),
				peers: {},
				target: spec.showsBoard ? 'fetched: the page shows a board' : 'none: no board here',
				met: spec.showsBoard ? weight.wasm > 0 : weight.wasm === 0
			});
		}
		const html = measured[0]?.weight.documentEncoding ?? 'identity';
		rows.push({
			scenario: 'page weight: HTML documents',
			metric: `compressed by the app server (${html})`,
			unit: '%',
			gongzhi: html === 'identity' ? 0 : 100,
			peers: {},
			met: null
		});
		return rows;
	}
};
