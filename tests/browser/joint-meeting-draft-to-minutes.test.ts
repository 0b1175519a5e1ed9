import JSZip from 'jszip';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readServerAgenda } from '../../server/meetings/readServerAgenda';
import { pdfText } from '../helpers/pdfText';
import { startTestServer, waitFor, type TestServer } from '../helpers/server';
import { login, openBrowser, shoot, waitForConnection, type TestBrowser } from './browser';

/**
 * Issue 6, done means: the three committees' members and a resident, in four browser contexts,
 * run a joint meeting from draft to minutes. Topics are typed in Chinese through IME
 * composition; the property company's member is cut off for real while she writes her notes and
 * merges back; the resident's comment reaches a committee member live; each committee signs the
 * joint decision; minuting turns it into a task; the PDF and .docx minutes contain it.
 * The secretary's state moves go through the service (her pages are tested elsewhere).
 * Screenshots to SHOTS. Needs `npm run build` first.
 */
const SHOTS = '.scratch/joint-meeting';
const COMMITTEES = ['residents_committee', 'owners_committee', 'property_company'] as const;

/** Types `text` as a pinyin IME does: composition updates, then the committed characters. */
async function typeWithIme(browser: TestBrowser, page: Page, pinyin: string, text: string) {
	const cdp = await browser.context.newCDPSession(page);
	for (let i = 1; i <= pinyin.length; i++) {
		const partial = pinyin.slice(0, i);
		await cdp.send('Input.imeSetComposition', {
			text: partial,
			selectionStart: partial.length,
			selectionEnd: partial.length
		});
	}
	await cdp.send('Input.insertText', { text });
	await cdp.detach();
}

describe('a joint meeting from draft to minutes, in four browsers', () => {
	let server: TestServer;
	const people = {} as Record<'rc' | 'oc' | 'pm' | 'resident', { b: TestBrowser; page: Page }>;
	let meetingId: string;
	let agendaId: string;

	beforeAll(async () => {
		delete process.env.ORIGIN;
		server = await startTestServer({ withApp: true, config: { origin: null } });
		const logins = {
			rc: 'rc-member',
			oc: 'oc-member',
			pm: 'pm-staff',
			resident: 'resident'
		} as const;
		for (const [key, username] of Object.entries(logins) as [keyof typeof logins, string][]) {
			const b = await openBrowser(server, { width: 390, height: 844 });
			const page = await b.newPage();
			await login(page, b.base, username);
			people[key] = { b, page };
		}
		meetingId = await server.services.meetings.create('u-secretary', 'c-a', {
			title: '三委联席会',
			date: '2026-12-28',
			time: '14:30',
			place: '党群服务中心二楼',
			committees: [...COMMITTEES],
			otherParties: '社区民警'
		});
		agendaId = (await server.services.stores.meetings.get(meetingId))!.agendaId;
	}, 120_000);

	afterAll(async () => {
		for (const p of Object.values(people)) await p.b.close();
		await server?.close();
	});

	const agendaOf = () => readServerAgenda(server.services.stores.yjs, agendaId);
	const open = async (who: keyof typeof people) => {
		const { b, page } = people[who];
		await page.goto(`${b.base}/agenda/${agendaId}`);
		await waitForConnection(page, 'online');
		return page;
	};

	it('runs: items typed through an IME, an offline member merges back, a live comment, three signatures, minutes with the decision', async () => {
		// Draft: the residents' committee member adds the joint item, its topic typed in pinyin.
		const rc = await open('rc');
		await rc.getByTestId('add-agenda-item').click();
		await typeWithIme(people.rc.b, rc, 'loudaozhaoming', '楼道照明改造');
		await rc.keyboard.press('Enter');
		await typeWithIme(people.rc.b, rc, 'jumin', '居民反映三号楼夜间无灯');
		const item = rc.locator('.agenda-item').first();
		await item.locator('select[data-field="raisedBy"]').selectOption('residents_committee');
		const itemId = (await item.getAttribute('data-item-id'))!;
		await waitFor(
			async () => (await agendaOf()).some((i) => i.id === itemId && i.topic === '楼道照明改造'),
			'the item on the server'
		);
		expect((await agendaOf()).find((i) => i.id === itemId)?.topic).not.toContain('loudao');

		// The property company's member opens it, then loses her connection for real.
		const pm = await open('pm');
		await pm.locator('.agenda-item .agenda-notes p').first().waitFor();
		people.pm.b.proxy.cut();
		await waitForConnection(pm, 'offline');
		await pm.locator('.agenda-item .agenda-notes p').first().click();
		await pm.keyboard.press('End');
		await typeWithIme(people.pm.b, pm, 'wuye', '；物业本周内排查线路');

		// Meanwhile the owners' committee adds its own item and the meeting is published.
		const oc = await open('oc');
		await oc.getByTestId('add-agenda-item').click();
		await typeWithIme(people.oc.b, oc, 'weixiujijin', '维修基金使用公示');
		await server.services.meetings.move('u-secretary', meetingId, 'published');
		await expect.poll(async () => (await agendaOf()).length).toBe(2);

		// The resident follows the published agenda and comments on the lighting item; the
		// residents' committee member sees it arrive without reloading.
		const resident = await open('resident');
		await resident.getByTestId(`comment-item-${itemId}`).click();
		await resident.getByTestId('comment-composer-text').fill('希望装感应灯，晚上回家太黑了');
		await resident.getByTestId('comment-composer-send').click();
		await rc
			.getByTestId('comment-body')
			.filter({ hasText: '希望装感应灯' })
			.waitFor({ timeout: 10_000 });
		expect(await resident.locator('.agenda-item select').first().isDisabled()).toBe(true);

		// In session: the offline member comes back and her notes merge into everyone's copy.
		await server.services.meetings.move('u-secretary', meetingId, 'in_session');
		people.pm.b.proxy.restore();
		await waitForConnection(pm, 'online');
		await expect
			.poll(async () => (await agendaOf()).find((i) => i.id === itemId)?.notes, {
				timeout: 20_000
			})
			.toBe('居民反映三号楼夜间无灯；物业本周内排查线路');
		await expect
			.poll(() => rc.locator('.agenda-item').first().locator('.agenda-notes').innerText())
			.toContain('物业本周内排查线路');

		// The decision, set in the item by the residents' committee member.
		await rc.reload();
		await waitForConnection(rc, 'online');
		const decided = rc.locator('.agenda-item').first();
		await expect.poll(() => decided.locator('.item-outcome').isVisible()).toBe(true);
		await decided.locator('select[data-field="decision"]').selectOption('agreed');
		await decided.locator('select[data-field="owner"]').selectOption('committee:property_company');
		await decided.locator('input[data-field="due"]').fill('2027-01-15');
		await decided.locator('input[data-field="due"]').press('Tab');
		await waitFor(async () => {
			const found = (await agendaOf()).find((i) => i.id === itemId);
			return found?.decision === 'agreed' && found.due === '2027-01-15';
		}, 'the decision on the server');
		await shoot(rc, SHOTS, 'agenda-in-session');

		// Each committee signs the joint decision from its own member's meeting page.
		for (const [who, committee] of [
			['rc', 'residents_committee'],
			['oc', 'owners_committee'],
			['pm', 'property_company']
		] as const) {
			const { b, page } = people[who];
			await page.goto(`${b.base}/m/${meetingId}`);
			const row = page.getByTestId(`item-${itemId}`);
			for (const other of COMMITTEES.filter((c) => c !== committee))
				expect(await row.getByTestId(`sign-item-${other}`).count()).toBe(0);
			await row.getByTestId(`sign-item-${committee}`).click();
			await expect
				.poll(() => row.getByTestId(`item-sig-${committee}`).getAttribute('data-signed'))
				.toBe('true');
		}

		// Minuted: the decision becomes the property company's task; the minutes carry it.
		await server.services.meetings.move('u-secretary', meetingId, 'minuted');
		const page = people.rc.page;
		await page.reload();
		const row = page.getByTestId(`item-${itemId}`);
		expect(await row.getByTestId('item-task').getAttribute('data-status')).toBe('todo');
		for (const c of COMMITTEES)
			expect(await row.getByTestId(`item-sig-${c}`).getAttribute('data-signed')).toBe('true');
		await shoot(page, SHOTS, 'meeting-minuted');

		const base = people.rc.b.base;
		const docx = await page.request.get(`${base}/m/${meetingId}/minutes.docx`);
		expect(docx.status()).toBe(200);
		const zip = await JSZip.loadAsync(await docx.body());
		const xml = (await zip.file('word/document.xml')?.async('string')) ?? '';
		const words = xml.replace(/<[^>]+>/g, '');
		for (const text of ['三委联席会', '楼道照明改造', '物业本周内排查线路', '2027年1月15日'])
			expect(words).toContain(text);
		const pdf = await page.request.get(`${base}/m/${meetingId}/minutes.pdf`);
		expect(pdf.status()).toBe(200);
		const text = pdfText(new Uint8Array(await pdf.body()));
		for (const t of ['楼道照明改造', '维修基金使用公示', '2027年1月15日'])
			expect(text).toContain(t);
	}, 240_000);
});
