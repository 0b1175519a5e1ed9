import { mkdirSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_MEETINGS } from '../../server/demo/demoMeetings';
import { startTestServer, type TestServer } from '../helpers/server';
import { login, openBrowser, shoot, type TestBrowser, waitForConnection } from './browser';

/**
 * Issue 6: the secretary creates a joint meeting on a phone, publishes it and opens its agenda;
 * the demo's minuted meeting shows its three signatures. Screenshots at phone (390×844) and
 * desktop (1280×800) size go to SHOTS, to be looked at. Needs `npm run build` first.
 */
const SHOTS = '/tmp/shots-meetings';

describe('joint meetings in Chromium', () => {
	let server: TestServer;
	let browser: TestBrowser;
	let page: Page;

	beforeAll(async () => {
		mkdirSync(SHOTS, { recursive: true });
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

	it('the secretary creates a meeting from the home page, publishes it and opens its agenda', async () => {
		await page.goto(`${browser.base}/`);
		await page.getByTestId('meetings-link').first().click();
		await page.waitForURL(/\/c\/c-a\/meetings$/);
		expect(await page.getByTestId('meeting-list').innerText()).toContain('冬季安全联合办公会');
		const form = page.getByTestId('new-meeting');
		await form.getByLabel('会议名称').fill('供暖季协调会');
		await form.locator('input[name="date"]').fill('2026-12-18');
		await form.locator('input[name="time"]').fill('15:00');
		await form.getByLabel('地点').fill('社区活动室');
		await form.locator('textarea[name="otherParties"]').fill('热力公司\n社工站');
		await shoot(page, SHOTS, 'meetings-list');
		await Promise.all([page.waitForURL(/\/m\/mt-/), form.locator('button[type="submit"]').click()]);

		const state = page.getByTestId('meeting-state');
		expect(await state.getAttribute('data-state')).toBe('draft');
		const details = await page.locator('main').innerText();
		expect(details).toContain('供暖季协调会');
		expect(details).toContain('2026年12月18日 15:00');
		expect(details).toContain('居委会、业委会、物业');
		expect(details).toContain('热力公司、社工站');
		await shoot(page, SHOTS, 'meeting-draft');

		await Promise.all([
			page.waitForResponse((r) => r.request().method() === 'POST'),
			page.getByTestId('move-published').click()
		]);
		await expect.poll(() => state.getAttribute('data-state')).toBe('published');
		expect(await page.getByTestId('history').innerText()).toContain('已发布');
		await shoot(page, SHOTS, 'meeting-published');

		const meetingId = new URL(page.url()).pathname.split('/').at(-1)!;
		const meeting = (await server.services.stores.meetings.get(meetingId))!;
		expect(meeting.state).toBe('published');
		const moves = await server.services.stores.meetings.moves(meetingId);
		expect(moves.map((m) => [m.to, m.authorId])).toEqual([
			['draft', 'u-secretary'],
			['published', 'u-secretary']
		]);

		await page.getByTestId('open-agenda').click();
		await page.waitForURL(new RegExp(`/agenda/${meeting.agendaId}$`));
		await waitForConnection(page, 'online');
		await page.waitForSelector('.gz-editor');
		expect(await page.locator('.gz-editor').innerText()).toContain('供暖季协调会');
		expect(await page.getByTestId('meeting-link').innerText()).toBe('供暖季协调会');
		await shoot(page, SHOTS, 'agenda-of-meeting');

		// Minuted while the editor is open: it turns read-only and says why, without a reload.
		expect(await page.locator('.editor-frame.readonly').count()).toBe(0);
		await server.services.meetings.move('u-secretary', meetingId, 'in_session');
		await server.services.meetings.move('u-secretary', meetingId, 'minuted');
		await page.waitForSelector('.editor-frame.readonly');
		expect(await page.getByTestId('readonly-banner').innerText()).toContain('已形成纪要');
	});

	it('edits made offline that arrive after minuting are not silently lost: the page says so', async () => {
		const { meetings, stores } = server.services;
		const meetingId = await meetings.create('u-secretary', 'c-a', {
			title: '离线纪要测试会',
			date: '2026-12-20',
			time: '10:00',
			place: '社区活动室',
			committees: ['residents_committee', 'owners_committee', 'property_company'],
			otherParties: ''
		});
		await meetings.move('u-secretary', meetingId, 'published');
		await meetings.move('u-secretary', meetingId, 'in_session');
		const { agendaId } = (await stores.meetings.get(meetingId))!;
		const member = await openBrowser(server, { width: 390, height: 844 });
		try {
			const phone = await member.newPage();
			await login(phone, member.base, 'rc-member');
			await phone.goto(`${member.base}/agenda/${agendaId}`);
			await waitForConnection(phone, 'online');
			await phone.waitForSelector('.gz-editor[contenteditable="true"]');
			member.proxy.cut();
			await waitForConnection(phone, 'offline');
			await phone.locator('.gz-editor p').last().click();
			await phone.keyboard.type('会后补充：楼道灯维修');
			await meetings.move('u-secretary', meetingId, 'minuted');
			member.proxy.restore();
			await waitForConnection(phone, 'online');
			// The server refused the late edit; the page explains instead of "pending" forever.
			const banner = phone.getByTestId('unsaved-banner');
			await banner.waitFor();
			expect(await banner.innerText()).toContain('没有进入议程');
			expect(await phone.getByTestId('meeting-state').innerText()).toBe('已形成纪要');
			await shoot(phone, SHOTS, 'agenda-unsaved-after-minuted');
			expect(await phone.locator('.editor-frame.readonly').count()).toBe(1);
		} finally {
			await member.close();
		}
	});

	it('the minuted demo meeting shows three signatures and a read-only agenda', async () => {
		const minuted = DEMO_MEETINGS[0]!;
		await page.goto(`${browser.base}/m/${minuted.id}`);
		expect(await page.getByTestId('meeting-state').getAttribute('data-state')).toBe('minuted');
		for (const c of ['residents_committee', 'owners_committee', 'property_company']) {
			expect(await page.getByTestId(`signature-${c}`).getAttribute('data-signed')).toBe('true');
		}
		const sigs = await page.getByTestId('signatures').innerText();
		for (const name of ['李秀英', '张国强', '赵磊']) expect(sigs).toContain(name);
		await shoot(page, SHOTS, 'meeting-minuted');
		await page.getByTestId('open-agenda').click();
		await waitForConnection(page, 'online');
		expect(await page.getByTestId('readonly-banner').innerText()).toContain('已形成纪要');
		await shoot(page, SHOTS, 'agenda-minuted');
	});

	it('the action list is linked from the home page and takes tasks like a board, without a stage', async () => {
		await page.goto(`${browser.base}/`);
		await page.getByTestId('action-list-link').first().click();
		await page.waitForURL(/\/board\//);
		await waitForConnection(page, 'online');
		expect(await page.getByTestId('action-list-hint').isVisible()).toBe(true);
		expect(await page.getByTestId('stage-panel').count()).toBe(0);
		expect(await page.getByTestId('pledge').count()).toBe(0);
		await page.getByTestId('new-task').fill('楼道堆物限期清理');
		await page.getByTestId('add-task').click();
		await expect
			.poll(() => page.getByTestId('column-todo').innerText())
			.toContain('楼道堆物限期清理');
		await shoot(page, SHOTS, 'action-list');
	});
});
