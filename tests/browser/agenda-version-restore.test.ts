import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedAgendaItems } from '../helpers/seedAgendaItems';
import { startTestServer, type TestServer } from '../helpers/server';
import {
	editorText,
	login,
	openBrowser,
	shoot,
	type TestBrowser,
	waitForConnection,
	waitForPending
} from './browser';

/**
 * Issue 6, history: a committee member restores a named version on a phone while another edits
 * the agenda in a second browser; the restore arrives there as an ordinary edit, and can be
 * undone. Screenshots of the versions pages and the meeting's export buttons at phone and
 * desktop size go to SHOTS, to be looked at. Needs `npm run build` first.
 */
const SHOTS = '.scratch/versions';

describe('named versions in Chromium', () => {
	let server: TestServer;
	let a: TestBrowser;
	let b: TestBrowser;
	let aPage: Page;
	let bPage: Page;
	let meetingId: string;
	let agendaId: string;
	let versionId: number;

	/** Who the server recorded for the agenda's latest stored update (a second connection). */
	function lastWriter(docId: string): string {
		const db = new Database(join(server.dataDir, 'gongzhi.sqlite'), { readonly: true });
		try {
			const row = db
				.prepare('SELECT user_id FROM yjs_updates WHERE doc_id = ? ORDER BY seq DESC LIMIT 1')
				.get(docId) as { user_id: string } | undefined;
			return row?.user_id ?? '';
		} finally {
			db.close();
		}
	}

	beforeAll(async () => {
		mkdirSync(SHOTS, { recursive: true });
		delete process.env.ORIGIN;
		server = await startTestServer({ withApp: true, config: { origin: null } });
		const { meetings, stores, agendaVersions } = server.services;
		meetingId = await meetings.create('u-secretary', 'c-a', {
			title: '供暖季协调会',
			date: '2026-12-18',
			time: '15:00',
			place: '社区活动室',
			committees: ['residents_committee', 'owners_committee', 'property_company'],
			otherParties: '热力公司'
		});
		agendaId = (await stores.meetings.get(meetingId))!.agendaId;
		await seedAgendaItems(
			stores,
			agendaId,
			'u-secretary',
			[],
			['议题一：楼道堆物清理', '议题二：独居老人走访']
		);
		versionId = await agendaVersions.save('u-rc', agendaId, '会前定稿');
		// After the save: text the restore must take away again.
		await seedAgendaItems(stores, agendaId, 'u-oc', [], ['会后临时增加：电动车充电桩']);
		[a, b] = await Promise.all([openBrowser(server), openBrowser(server)]);
		[aPage, bPage] = await Promise.all([a.newPage(), b.newPage()]);
		await Promise.all([login(aPage, a.base, 'rc-member'), login(bPage, b.base, 'oc-member')]);
	});

	afterAll(async () => {
		await Promise.all([a?.close(), b?.close()]);
		await server?.close();
	});

	it('the meeting page offers the minutes as PDF and Word, and the agenda’s versions', async () => {
		await aPage.goto(`${a.base}/m/${meetingId}`);
		const box = aPage.getByTestId('meeting-exports');
		expect(await box.innerText()).toContain('导出纪要（PDF）');
		expect(await aPage.getByTestId('export-docx').getAttribute('href')).toBe(
			`/m/${meetingId}/minutes.docx`
		);
		const download = await Promise.all([
			aPage.waitForEvent('download'),
			aPage.getByTestId('export-pdf').click()
		]).then(([d]) => d);
		expect(download.suggestedFilename()).toBe('供暖季协调会-会议纪要.pdf');
		await shoot(aPage, SHOTS, 'meeting-exports');
	});

	it('a restore in one browser shows up in the other as an edit, and can be undone', async () => {
		await bPage.goto(`${b.base}/agenda/${agendaId}`);
		await waitForConnection(bPage, 'online');
		await expect.poll(() => editorText(bPage), { timeout: 15_000 }).toContain('电动车充电桩');

		await aPage.goto(`${a.base}/agenda/${agendaId}/versions`);
		expect(await aPage.getByTestId('versions').innerText()).toContain('会前定稿');
		await aPage.getByLabel('版本名称').fill('会中草稿');
		await Promise.all([
			aPage.waitForResponse((r) => r.request().method() === 'POST'),
			aPage.getByTestId('save-version').locator('button[type="submit"]').click()
		]);
		await expect.poll(() => aPage.getByTestId('versions').innerText()).toContain('会中草稿');
		await shoot(aPage, SHOTS, 'versions-list');

		await aPage.goto(`${a.base}/agenda/${agendaId}/versions/${versionId}`);
		const current = aPage.getByTestId('side-current');
		expect(await current.locator('[data-changed="true"]').innerText()).toContain('电动车充电桩');
		await shoot(aPage, SHOTS, 'version-compare');

		await aPage.getByTestId('restore').click();
		await aPage.getByTestId('confirm-restore').click();
		await aPage.getByTestId('restored').waitFor({ timeout: 30_000 });
		// B's editor drops the text added after the version, as any remote edit arrives.
		await expect.poll(() => editorText(bPage), { timeout: 15_000 }).not.toContain('电动车充电桩');
		expect(await editorText(bPage)).toContain('议题二：独居老人走访');
		await expect.poll(() => current.locator('[data-changed="true"]').count()).toBe(0);
		await shoot(aPage, SHOTS, 'version-restored');

		// Authored by the restoring user: the server stored the edit as u-rc's (a deletion makes no
		// new Yjs items, so the update log's row is where that is recorded).
		expect(lastWriter(agendaId)).toBe('u-rc');
		const rows = await server.services.stores.audit.recent(20);
		expect(rows.find((e) => e.action === 'agenda_version_restored')?.userId).toBe('u-rc');

		await aPage.getByTestId('undo-restore').click();
		await aPage.getByTestId('restore-undone').waitFor({ timeout: 30_000 });
		await expect.poll(() => editorText(bPage), { timeout: 15_000 }).toContain('电动车充电桩');
		await waitForPending(bPage, false);
		// The undo re-inserted the text as new items, under a client id the server bound to u-rc.
		expect(lastWriter(agendaId)).toBe('u-rc');
		const owners = await server.services.stores.yjs.clientOwners(agendaId);
		expect([...owners.values()]).toContain('u-rc');
	});

	it('a resident sees the versions of a published agenda, without save or restore', async () => {
		await server.services.meetings.move('u-secretary', meetingId, 'published');
		const c = await openBrowser(server);
		try {
			const page = await c.newPage();
			await login(page, c.base, 'resident');
			await page.goto(`${c.base}/agenda/${agendaId}/versions/${versionId}`);
			await page.getByTestId('versions-readonly').waitFor();
			expect(await page.getByTestId('restore').count()).toBe(0);
			expect(await page.getByTestId('side-version').innerText()).toContain('议题一：楼道堆物清理');
			await shoot(page, SHOTS, 'version-resident');
		} finally {
			await c.close();
		}
	});
});
