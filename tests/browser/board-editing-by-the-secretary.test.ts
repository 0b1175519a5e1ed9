import { mkdirSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readServerBoard } from '../../server/automerge/serverChange';
import type { Board } from '../../src/lib/domain/board';
import { beijingDate } from '../../src/lib/domain/metricPeriods';
import { startTestServer, type TestServer } from '../helpers/server';
import { JPEG_16X8 } from '../unit/fixtures/photos';
import {
	login,
	openBrowser,
	shoot,
	type TestBrowser,
	waitForConnection,
	waitForPending
} from './browser';

const SHOTS = '.scratch';
const DAY = 86_400_000;

/**
 * Issue 5: the secretary runs a pledge on the board from a phone, without training — fills the
 * pledge, links a problem, adds a task owned by a committee with a checklist and a due date that
 * has passed (shown as overdue), and logs progress with a photo; a resident then sees it all,
 * read-only, photo included. Needs `npm run build` first.
 */
describe('the secretary edits a board on a phone', () => {
	let server: TestServer;
	let browser: TestBrowser;
	let page: Page;
	let boardId: string;

	beforeAll(async () => {
		mkdirSync(SHOTS, { recursive: true });
		delete process.env.ORIGIN;
		server = await startTestServer({ withApp: true, config: { origin: null } });
		const docs = await server.services.stores.documents.inCommunities(['c-a']);
		boardId = docs.find((d) => d.title === '东门停车秩序整治')!.id;
		await server.services.stores.demands.addProblem({
			id: 'p-parking',
			communityId: 'c-a',
			category: 'safety',
			gridId: null,
			buildingId: null,
			title: '东门晚间车辆占用消防通道',
			createdBy: 'u-secretary',
			createdAt: Date.now(),
			boardId: null
		});
		browser = await openBrowser(server, { width: 390, height: 844 });
		page = await browser.newPage();
		await login(page, browser.base, 'secretary');
	});
	afterAll(async () => {
		await browser?.close();
		await server?.close();
	});

	const past = beijingDate(Date.now() - 5 * DAY);
	const later = beijingDate(Date.now() + 60 * DAY);
	const goal = '晚间消防通道不再被占用，东门车辆有序停放。';

	it('fills the pledge, and a deadline that has passed reads as overdue', async () => {
		await page.goto(`${browser.base}/board/${boardId}`);
		await waitForConnection(page, 'online');
		await page.getByTestId('pledge-goal').fill(goal);
		await page
			.getByTestId('pledge-measures')
			.fill('业委会统计占道车辆；物业划线并加装道闸；居委会入户宣传。');
		await page.getByTestId('responsible-new').fill('王建华（社区党委书记）');
		await page.getByTestId('responsible-add').click();
		await page.getByTestId('responsible-new').fill('张国强（业委会主任）');
		await page.getByTestId('responsible-add').click();
		await page.getByTestId('pledge-budget').fill('3万元');
		await page.getByTestId('funding-new').fill('物业维修基金');
		await page.getByTestId('funding-add').click();
		await page.getByTestId('pledge-category').selectOption('safety');
		await page.getByTestId('problem-option').check();
		expect(await page.getByTestId('pledge-unit').innerText()).toBe('丽泽园社区');

		await page.getByTestId('pledge-deadline').fill(past);
		await expect.poll(() => page.getByTestId('pledge-overdue').innerText()).toBe('已逾期 5 天');
		await page.getByTestId('pledge-deadline').fill(later);
		await expect.poll(() => page.getByTestId('pledge-overdue').count()).toBe(0);
		expect(await page.getByTestId('responsible-item').count()).toBe(2);
	});

	it('adds a task owned by a committee, with a checklist and a past due date shown as overdue', async () => {
		await page.getByTestId('new-task').fill('东门划线和道闸');
		await page.getByTestId('add-task').click();
		const card = page.locator('[data-testid="task"]:has-text("东门划线和道闸")');
		await card.getByTestId('task-edit').locator('summary').click();
		await card.getByTestId('task-owner-select').selectOption('committee:property_company');
		await card.getByTestId('task-due-input').fill(past);
		for (const item of ['施划停车线', '安装道闸']) {
			await card.getByTestId('checklist-new').fill(item);
			await card.getByTestId('checklist-add').click();
		}
		await card.getByTestId('checklist-check').first().check();
		await card.screenshot({ path: `${SHOTS}/board-edit-task-panel-390.png` });
		await card.getByTestId('task-edit').locator('summary').click();

		expect(await card.getByTestId('task-owner').innerText()).toContain('物业');
		expect(await card.getByTestId('task-overdue').innerText()).toBe('已逾期 5 天');
		expect(await card.getByTestId('checklist-item').allInnerTexts()).toEqual([
			'施划停车线',
			'安装道闸'
		]);
		expect(await card.getByTestId('checklist-check').first().isChecked()).toBe(true);
	});

	it('logs progress with a photo that is attached on the server and shown', async () => {
		await page.getByTestId('progress-text').fill('业委会晚间统计：东门占道车辆 23 辆。');
		await page.getByTestId('progress-photos').setInputFiles({
			name: 'dongmen.jpg',
			mimeType: 'image/jpeg',
			buffer: Buffer.from(JPEG_16X8)
		});
		await page.getByTestId('progress-save').click();
		const photo = page.getByTestId('progress-photo');
		await expect
			.poll(() => photo.evaluate((img) => (img as HTMLImageElement).naturalWidth), {
				timeout: 15_000
			})
			.toBe(16);
		await waitForPending(page, false);

		const board = await readServerBoard<Board>(server.services, boardId);
		expect(board.pledge.goal).toBe(goal);
		expect([...board.pledge.responsible]).toEqual([
			'王建华（社区党委书记）',
			'张国强（业委会主任）'
		]);
		expect(board.pledge.deadline).toBe(later);
		expect([...board.problemIds]).toEqual(['p-parking']);
		const task = Object.values(board.tasks).find((t) => t.title === '东门划线和道闸')!;
		expect([task.owner, task.due]).toEqual(['committee:property_company', past]);
		const entry = Object.values(board.progress)[0]!;
		expect(entry.photoIds).toHaveLength(1);
		const attached = await server.services.stores.boardFiles.ofBoard(boardId);
		expect(attached.map((a) => [a.fileId, a.userId])).toEqual([[entry.photoIds[0], 'u-secretary']]);
		await shoot(page, SHOTS, 'board-edit-secretary', {
			parts: ['pledge', 'tasks', 'progress-log']
		});
	});

	it('a resident sees the same board read-only, photo included', async () => {
		const reader = await openBrowser(server, { width: 390, height: 844 });
		try {
			const rp = await reader.newPage();
			await login(rp, reader.base, 'resident');
			await rp.goto(`${reader.base}/board/${boardId}`);
			await waitForConnection(rp, 'online');
			await expect.poll(() => rp.getByTestId('pledge-goal-ro').innerText()).toBe(goal);
			for (const control of ['pledge-goal', 'responsible-new', 'progress-form', 'task-edit']) {
				expect(await rp.getByTestId(control).count(), control).toBe(0);
			}
			const card = rp.locator('[data-testid="task"]:has-text("东门划线和道闸")');
			expect(await card.getByTestId('task-overdue').innerText()).toBe('已逾期 5 天');
			expect(await card.getByTestId('checklist-check').first().isDisabled()).toBe(true);
			expect(await rp.getByTestId('pledge-problems').innerText()).toContain(
				'东门晚间车辆占用消防通道'
			);
			await expect
				.poll(() =>
					rp.getByTestId('progress-photo').evaluate((img) => (img as HTMLImageElement).naturalWidth)
				)
				.toBe(16);
			await shoot(rp, SHOTS, 'board-edit-resident', { parts: ['pledge', 'tasks', 'progress-log'] });
		} finally {
			await reader.close();
		}
	});
});
