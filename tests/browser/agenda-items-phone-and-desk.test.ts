import { mkdirSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_MEETINGS } from '../../server/demo/demoMeetings';
import { readServerAgenda } from '../../server/meetings/readServerAgenda';
import { startTestServer, waitFor, type TestServer } from '../helpers/server';
import { login, openBrowser, shoot, type TestBrowser, waitForConnection } from './browser';

/**
 * Issue 6: agenda items in the editor on a phone and a desk. A committee member adds an item
 * with "添加议题", types its topic and sets its fields through the controls; the server's copy
 * has them, and the meeting page names her as the author. Screenshots (390×844, 1280×800) go to
 * SHOTS, to be looked at. Needs `npm run build` first.
 */
const SHOTS = `${process.cwd()}/.scratch/items`;

describe('agenda items in Chromium', () => {
	let server: TestServer;
	let browser: TestBrowser;
	let page: Page;
	const upcoming = DEMO_MEETINGS[1]!;

	beforeAll(async () => {
		mkdirSync(SHOTS, { recursive: true });
		delete process.env.ORIGIN;
		server = await startTestServer({ withApp: true, config: { origin: null } });
		browser = await openBrowser(server, { width: 390, height: 844 });
		page = await browser.newPage();
		await login(page, browser.base, 'rc-member');
	});
	afterAll(async () => {
		await browser?.close();
		await server?.close();
	});

	it('the demo items show with their fields; a new item is added, typed and set on a phone', async () => {
		await page.goto(`${browser.base}/agenda/${upcoming.agendaId}`);
		await waitForConnection(page, 'online');
		const items = page.locator('.agenda-item');
		await expect.poll(() => items.count()).toBe(3);
		expect(await items.first().locator('.agenda-topic').innerText()).toBe('楼道堆物清理');
		expect(await items.first().locator('select[data-field="raisedBy"]').inputValue()).toBe(
			'property_company'
		);
		// The lift item links the lift project, shown by its title.
		const link = items.nth(2).locator('select[data-field="link"]');
		expect(await link.locator('option:checked').innerText()).toContain('电梯');
		await shoot(page, SHOTS, 'agenda-items');

		await page.getByTestId('add-agenda-item').click();
		await expect.poll(() => items.count()).toBe(4);
		await page.keyboard.type('小区绿化补种');
		await page.keyboard.press('Enter');
		await page.keyboard.type('居民提出东侧绿地黄土裸露。');
		// Added at the end: the editor had no cursor yet.
		const added = items.nth(3);
		expect(await added.locator('.agenda-topic').innerText()).toBe('小区绿化补种');
		await added.locator('select[data-field="raisedBy"]').selectOption('residents_committee');
		await added.locator('input[data-field="minutes"]').fill('10');
		await added.locator('input[data-field="minutes"]').press('Tab');
		const id = await added.getAttribute('data-item-id');
		expect(id).toMatch(/^[0-9a-f-]{36}$/);

		await waitFor(async () => {
			const found = (await readServerAgenda(server.services.stores.yjs, upcoming.agendaId)).find(
				(i) => i.id === id
			);
			return found?.topic === '小区绿化补种' && found.minutes === 10 && !!found.raisedBy;
		}, 'the new item on the server');
		const stored = (await readServerAgenda(server.services.stores.yjs, upcoming.agendaId)).find(
			(i) => i.id === id
		)!;
		expect(stored).toMatchObject({
			raisedBy: 'residents_committee',
			notes: '居民提出东侧绿地黄土裸露。'
		});
		await shoot(page, SHOTS, 'agenda-item-added');

		// The meeting page lists it with its author from the server's record.
		await page.goto(`${browser.base}/m/${upcoming.id}`);
		const row = page.getByTestId(`item-${id}`);
		expect(await row.innerText()).toContain('小区绿化补种');
		expect(await row.getByTestId('item-author').innerText()).toBe('居委会 · 李秀英');
		await shoot(page, SHOTS, 'meeting-items');
	});

	it('the minuted demo meeting lists its items, authors and decisions', async () => {
		const minuted = DEMO_MEETINGS[0]!;
		await page.goto(`${browser.base}/m/${minuted.id}`);
		const list = page.getByTestId('meeting-items');
		const first = list.getByTestId(`item-${minuted.items[0]!.seed.attrs.id}`);
		expect(await first.getByTestId('item-author').innerText()).toBe('居委会 · 李秀英');
		expect(await first.getByTestId('item-decision').getAttribute('data-decision')).toBe('agreed');
		const second = list.getByTestId(`item-${minuted.items[1]!.seed.attrs.id}`);
		expect(await second.getByTestId('item-author').innerText()).toBe('物业 · 赵磊');
		await shoot(page, SHOTS, 'meeting-minuted-items');
	});

	it('a resident reads the items with every control disabled', async () => {
		// Another person: their own browser profile (one profile holds one session).
		const other = await openBrowser(server);
		const resident = await other.newPage();
		await login(resident, other.base, 'resident');
		await resident.goto(`${other.base}/agenda/${upcoming.agendaId}`);
		await waitForConnection(resident, 'online');
		await expect.poll(() => resident.locator('.agenda-item').count()).toBeGreaterThan(2);
		const controls = resident.locator('.agenda-item select, .agenda-item input');
		const n = await controls.count();
		expect(n).toBeGreaterThan(0);
		for (let i = 0; i < n; i++) expect(await controls.nth(i).isDisabled()).toBe(true);
		expect(await resident.getByTestId('add-agenda-item').isDisabled()).toBe(true);
		await other.close();
	});
	it('in session: the decision is set in the item, the committee signs it, minuting makes its task', async () => {
		const { meetings } = server.services;
		await meetings.move('u-secretary', upcoming.id, 'in_session');
		await page.goto(`${browser.base}/agenda/${upcoming.agendaId}`);
		await waitForConnection(page, 'online');
		const item = page.locator('.agenda-item').filter({ hasText: '楼道堆物清理' });
		await expect.poll(() => item.locator('.item-outcome').isVisible()).toBe(true);
		await item.locator('select[data-field="decision"]').selectOption('agreed');
		await item.locator('select[data-field="owner"]').selectOption('committee:property_company');
		await item.locator('input[data-field="due"]').fill('2027-01-20');
		await item.locator('input[data-field="due"]').press('Tab');
		const id = upcoming.items[0]!.seed.attrs.id;
		await waitFor(async () => {
			const found = (await readServerAgenda(server.services.stores.yjs, upcoming.agendaId)).find(
				(i) => i.id === id
			);
			return found?.decision === 'agreed' && found.due === '2027-01-20' && found.owner !== '';
		}, 'the decision on the server');
		await shoot(page, SHOTS, 'agenda-in-session');

		await page.goto(`${browser.base}/m/${upcoming.id}`);
		const row = page.getByTestId(`item-${id}`);
		await row.getByTestId('sign-item-residents_committee').click();
		await expect
			.poll(() => row.getByTestId('item-sig-residents_committee').getAttribute('data-signed'))
			.toBe('true');
		await meetings.move('u-secretary', upcoming.id, 'minuted');
		await page.reload();
		expect(await row.getByTestId('item-task').getAttribute('data-status')).toBe('todo');
		await shoot(page, SHOTS, 'meeting-item-task');
	});
});
