import { mkdirSync } from 'node:fs';
import { randomUUID } from 'node:crypto';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { COMMENT_WRITES } from '../../src/lib/domain/comments';
import { api, paragraphAnchor, publishedMeeting } from '../helpers/commentFixtures';
import { startTestServer, waitFor, type TestServer } from '../helpers/server';
import { openAgenda, paragraph, waitForAck } from '../helpers/yjsClient';
import { editorText, login, openBrowser, waitForConnection, type TestBrowser } from './browser';
import {
	BAD_HREFS,
	dangerousMarkup,
	expectNothingRan,
	HTML_PAYLOADS,
	ODD_UNICODE,
	watchDialogs
} from './richTextPayloads';

/**
 * Issue 6: a resident (phone) comments on a selected passage and a committee member (desktop)
 * sees it live, highlighted on the same words while the text around it is edited; a comment
 * written with the connection cut for real waits and is posted once when it returns; comment
 * texts full of markup never run. Screenshots to .scratch/comments. Needs `npm run build` first.
 */
const SHOTS = '.scratch/comments';
const TEXT = '居民反映三号楼电梯经常停运，请物业说明维修计划。';

describe('meeting comments in Chromium', () => {
	let server: TestServer;
	let resident: TestBrowser;
	let member: TestBrowser;
	let rPage: Page;
	let mPage: Page;
	let rDialogs: string[];
	let mDialogs: string[];
	let meetingId: string;
	let agendaId: string;

	const bodies = (page: Page) => page.getByTestId('comment-body').allInnerTexts();

	beforeAll(async () => {
		mkdirSync(SHOTS, { recursive: true });
		delete process.env.ORIGIN;
		server = await startTestServer({ withApp: true, config: { origin: null } });
		({ meetingId, agendaId } = await publishedMeeting(server, '评论联调会'));
		const writer = await openAgenda(server, 'secretary', { docId: agendaId });
		paragraph(writer.doc, 0).insert(0, TEXT);
		await waitForAck(writer, 1);
		writer.destroy();
		[resident, member] = await Promise.all([
			openBrowser(server, { width: 390, height: 844 }),
			openBrowser(server, { width: 1280, height: 800 })
		]);
		rPage = await resident.newPage();
		mPage = await member.newPage();
		rDialogs = watchDialogs(rPage);
		mDialogs = watchDialogs(mPage);
		await login(rPage, resident.base, 'resident');
		await login(mPage, member.base, 'rc-member');
		for (const [page, base] of [
			[rPage, resident.base],
			[mPage, member.base]
		] as const) {
			await page.goto(`${base}/agenda/${agendaId}`);
			await page.waitForSelector('[data-testid="comments-live"][data-live="true"]');
		}
	});
	afterAll(async () => {
		await Promise.all([resident?.close(), member?.close()]);
		await server?.close();
	});

	it("a resident's comment on a selected passage appears live for a committee member, on the same words", async () => {
		// Select the first four characters of the paragraph, as a finger or mouse would.
		await rPage.locator('.gz-editor p', { hasText: TEXT }).waitFor();
		await rPage.evaluate((text) => {
			const p = [...document.querySelectorAll('.gz-editor p')].find((el) =>
				el.textContent?.includes(text)
			)!;
			const node = document.createTreeWalker(p, NodeFilter.SHOW_TEXT).nextNode()!;
			const range = document.createRange();
			range.setStart(node, 0);
			range.setEnd(node, 4);
			getSelection()!.removeAllRanges();
			getSelection()!.addRange(range);
		}, TEXT);
		await rPage.getByTestId('comment-selection').click();
		expect(await rPage.getByTestId('comment-target').innerText()).toContain('居民反映');
		await rPage.getByTestId('comment-composer-text').fill('电梯停运影响老人出行，请尽快。');
		await rPage.getByTestId('comment-composer-mention').selectOption({ label: '@李秀英' });
		const sentAt = Date.now();
		await rPage.getByTestId('comment-composer-send').click();

		const shown = mPage.getByTestId('comment-body').filter({ hasText: '电梯停运影响老人出行' });
		await shown.waitFor({ timeout: 5000 });
		const took = Date.now() - sentAt;
		expect(took).toBeLessThan(3000);
		expect(await shown.innerText()).toContain('@李秀英');
		await mPage.locator('.gz-comment-mark').first().waitFor();
		expect(await mPage.locator('.gz-comment-mark').first().innerText()).toBe('居民反映');

		// The committee member writes before the passage: the highlight stays on the same words,
		// on both screens.
		await mPage.locator('.gz-editor p', { hasText: TEXT }).click();
		await mPage.keyboard.press('Home');
		await mPage.keyboard.type('【补充】');
		await expect.poll(() => editorText(rPage)).toContain(`【补充】${TEXT}`);
		for (const page of [rPage, mPage])
			await expect
				.poll(() => page.locator('.gz-comment-mark').first().innerText())
				.toBe('居民反映');
		const stored = (await server.services.stores.comments.ofMeeting(meetingId)).at(-1)!;
		expect([stored.authorId, stored.quote, stored.mentions]).toEqual([
			'u-resident',
			'居民反映',
			['u-rc']
		]);
		// The floating button goes once the passage is in the composer.
		expect(await rPage.getByTestId('comment-selection').count()).toBe(0);
		await rPage.screenshot({ path: `${SHOTS}/agenda-comments-390.png`, fullPage: true });
		await mPage.screenshot({ path: `${SHOTS}/agenda-comments-1280.png` });
	});

	it('comment bodies never execute: script, event handlers, javascript: links, odd Unicode', async () => {
		// Dealt over three commenters: one person may send COMMENT_WRITES.burst at once.
		const cookies = await Promise.all(
			['resident', 'oc-member', 'rc-member'].map((u) => server.cookieFor(u))
		);
		const texts = [...HTML_PAYLOADS, ...BAD_HREFS, ...ODD_UNICODE.filter((s) => s.length < 900)];
		expect(texts.length).toBeLessThan(cookies.length * COMMENT_WRITES.burst);
		const { anchor } = await paragraphAnchor(server, agendaId, 0, 3);
		for (const [i, body] of texts.entries()) {
			const cookie = cookies[i % cookies.length];
			const res = await api(server, `/api/meetings/${meetingId}/comments`, cookie, {
				clientKey: randomUUID(),
				body,
				// Every other one also quotes markup, as a passage.
				...(i % 2 === 0 ? { anchor, quote: HTML_PAYLOADS[i % HTML_PAYLOADS.length] } : {})
			});
			expect(res.status, body.slice(0, 40)).toBe(201);
		}
		// One typed into the page, too.
		await rPage.getByTestId('comment-composer-text').fill(`<img src=x onerror="alert(1)">你好`);
		await rPage.getByTestId('comment-composer-send').click();
		await waitFor(
			async () =>
				(await bodies(mPage)).some((b) => b.includes('<img src=x onerror="alert(1)">你好')),
			'the typed markup to arrive as text'
		);
		await waitFor(async () => (await bodies(mPage)).length >= texts.length + 2, 'all payloads');
		for (const page of [rPage, mPage]) {
			const shown = await bodies(page);
			for (const payload of HTML_PAYLOADS) expect(shown).toContain(payload.trim());
			expect(await dangerousMarkup(page, '[data-testid="comments"]')).toEqual([]);
		}
		await expectNothingRan(rPage, rDialogs);
		await expectNothingRan(mPage, mDialogs);
	});

	it('a comment written with the connection cut waits, then is posted once when it returns', async () => {
		resident.proxy.cut();
		await resident.context.setOffline(true);
		await waitForConnection(rPage, 'offline');
		await rPage.waitForSelector('[data-testid="comments-live"][data-live="false"]');
		await rPage.getByTestId('comment-composer-text').fill('离线时写下的意见');
		await rPage.getByTestId('comment-composer-send').click();
		const pending = rPage.getByTestId('comment-pending');
		await pending.waitFor();
		expect(await pending.innerText()).toContain('待发送');
		await pending.scrollIntoViewIfNeeded();
		await rPage.screenshot({ path: `${SHOTS}/agenda-comment-pending-390.png` });
		await new Promise((r) => setTimeout(r, 1500));
		const stored = () =>
			server.services.stores.comments
				.ofMeeting(meetingId)
				.then((all) => all.filter((c) => c.body === '离线时写下的意见'));
		expect(await stored()).toHaveLength(0);

		resident.proxy.restore();
		await resident.context.setOffline(false);
		await rPage.waitForSelector('[data-testid="comment-pending"]', {
			state: 'detached',
			timeout: 30_000
		});
		await mPage
			.getByTestId('comment-body')
			.filter({ hasText: '离线时写下的意见' })
			.waitFor({ timeout: 15_000 });
		// Reloading (a retry from a fresh page) sends nothing more.
		await rPage.reload();
		await rPage.waitForSelector('[data-testid="comments-live"][data-live="true"]');
		expect(await stored()).toHaveLength(1);
		expect(
			await rPage.getByTestId('comment-body').filter({ hasText: '离线时写下的意见' }).count()
		).toBe(1);
	});
	it('the secretary hides a comment with a reason: gone for the others at once, marked for the secretary', async () => {
		const secretary = await openBrowser(server, { width: 1280, height: 800 });
		try {
			const page = await secretary.newPage();
			await login(page, secretary.base, 'secretary');
			await page.goto(`${secretary.base}/agenda/${agendaId}`);
			await page.waitForSelector('[data-testid="comments-live"][data-live="true"]');
			const target = page
				.getByTestId('comment')
				.filter({ hasText: '电梯停运影响老人出行' })
				.first();
			await target.getByTestId('comment-hide').click();
			// No reason, no hiding: the button waits for one.
			expect(await target.getByTestId('hide-confirm').isDisabled()).toBe(true);
			await target.getByTestId('hide-reason').fill('含个人信息');
			await target.getByTestId('hide-confirm').click();
			await target.getByTestId('comment-hidden').waitFor();
			expect(await target.getByTestId('comment-hidden').innerText()).toContain('含个人信息');
			for (const other of [rPage, mPage])
				await other
					.getByTestId('comment-body')
					.filter({ hasText: '电梯停运影响老人出行' })
					.waitFor({ state: 'detached', timeout: 5000 });
			const logged = (await server.services.stores.audit.recent(50)).find(
				(e) => e.action === 'comment_hidden'
			);
			expect(logged?.detail).toMatchObject({ reason: '含个人信息' });
			await target.scrollIntoViewIfNeeded();
			await page.screenshot({ path: `${SHOTS}/agenda-comment-hidden-secretary-1280.png` });
		} finally {
			await secretary.close();
		}
	});
});
