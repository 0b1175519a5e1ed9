import { mkdirSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Board } from '../../src/lib/domain/board';
import { applyServerChange } from '../../server/automerge/serverChange';
import { startTestServer, type TestServer } from '../helpers/server';
import { openBrowser, shoot, type TestBrowser } from './browser';

const SHOTS = '/tmp/shots-public';

/**
 * Issue 5, the public pledge page in a real browser with nobody logged in: the published
 * pledge, the stage bar, evaluation results and the community noticeboard, at phone and desktop
 * sizes (screenshots in /tmp/shots-public). Needs `npx vite build` first.
 */
describe('the public pledge page, logged out', () => {
	let server: TestServer;
	let browser: TestBrowser;
	let page: Page;

	beforeAll(async () => {
		mkdirSync(SHOTS, { recursive: true });
		server = await startTestServer({ withApp: true, config: { origin: null } });
		browser = await openBrowser(server);
		page = await browser.newPage();
	});
	afterAll(async () => {
		await browser?.close();
		await server?.close();
	});

	const boardOf = async (title: string) => {
		const docs = await server.services.stores.documents.inCommunities(['c-a']);
		return docs.find((d) => d.title === title)!.id;
	};

	it('a project in delivery shows its pledge, a moved deadline, and a working PDF link', async () => {
		// The secretary moves the deadline: a new revision with a reason.
		await applyServerChange<Board>(
			server.services,
			server.boardId,
			(d) => {
				d.pledge.deadline = '2027-05-31';
			},
			'u-secretary'
		);
		await server.services.projects.revise('u-secretary', server.boardId, '电梯厂家排产推迟两个月');
		await page.goto(`${browser.base}/p/${server.boardId}`);
		await expect.poll(() => page.title()).toContain('3号楼加装电梯书记项目');
		expect(await page.getByTestId('public-stage').getAttribute('data-stage')).toBe('delivery');
		expect(await page.getByTestId('pledge-goal').innerText()).toContain('3号楼电梯更换');
		expect(await page.getByTestId('pledge-deadline').innerText()).toContain(
			'完成时限由 2027年3月31日 调整为 2027年5月31日'
		);
		expect(await page.getByTestId('public-revisions').innerText()).toContain(
			'电梯厂家排产推迟两个月'
		);
		const href = await page.getByTestId('pledge-pdf').getAttribute('href');
		const pdf = await page.request.get(new URL(href!, page.url()).href);
		expect(pdf.status()).toBe(200);
		expect((await pdf.body()).subarray(0, 5).toString()).toBe('%PDF-');
		await shoot(page, SHOTS, 'delivery', { noOverflow: true });
	});

	it('a project in rectification shows acceptance, the failed survey and its items', async () => {
		await page.goto(`${browser.base}/p/${await boardOf('北门车棚与照明改造书记项目')}`);
		const results = page.getByTestId('public-evaluation');
		await expect.poll(() => results.innerText()).toContain('未达标，进入整改');
		const text = await results.innerText();
		expect(text).toContain('周丽华');
		expect(text).toContain('车棚补装照明');
		await shoot(page, SHOTS, 'rectification', { noOverflow: true });
	});

	it('the community noticeboard lists published projects and links to them', async () => {
		await page.goto(`${browser.base}/p/${server.boardId}`);
		await page.getByTestId('community-link').click();
		await page.waitForURL(/\/p\/c\/c-a$/);
		const list = await page.getByTestId('public-projects').innerText();
		expect(list).toContain('老旧小区雨污管网改造书记项目');
		expect(list).not.toContain('东门停车秩序整治');
		await shoot(page, SHOTS, 'community', { noOverflow: true });
	});
});
