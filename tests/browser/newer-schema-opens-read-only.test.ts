import * as Y from 'yjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { AGENDA_FRAGMENT, AGENDA_META, AGENDA_SCHEMA_VERSION } from '../../src/lib/domain/agenda';
import { BOARD_SCHEMA_VERSION, type Board } from '../../src/lib/domain/board';
import { boardClient, waitUntilServerHas } from '../helpers/automergeClient';
import { addAgenda, addBoard } from '../helpers/extraDocuments';
import { startTestServer, type TestServer } from '../helpers/server';
import { openAgenda, waitForAck } from '../helpers/yjsClient';
import {
	caretAtEndOfParagraph,
	login,
	openBrowser,
	shoot,
	type TestBrowser,
	waitForConnection
} from './browser';

const SHOTS = '/tmp/shots-xss';

/** Screenshots of the page at a phone's and a desk's width. */

/** The names of every element in the shared agenda, depth first, as a fresh client reads it. */
function elementNames(doc: Y.Doc): string[] {
	const names: string[] = [];
	const walk = (node: Y.XmlFragment | Y.XmlElement) => {
		for (const child of node.toArray()) {
			if (!(child instanceof Y.XmlElement)) continue;
			names.push(child.nodeName);
			walk(child);
		}
	};
	walk(doc.getXmlFragment(AGENDA_FRAGMENT));
	return names;
}

/**
 * Issue 2: a client that meets a newer schema than it knows, or content its schema cannot show,
 * opens the document read-only, says so, and never rewrites (or drops) what it cannot show.
 * Needs `npx vite build` first (the server mounts the built app).
 */
describe('a newer schema or unknown content opens read-only', () => {
	let server: TestServer;
	let browser: TestBrowser;
	let page: Page;

	beforeAll(async () => {
		delete process.env.ORIGIN;
		server = await startTestServer({ withApp: true, config: { origin: null } });
		browser = await openBrowser(server, { width: 1280, height: 800 });
		page = await browser.newPage();
		await login(page, browser.base, 'secretary');
	});

	afterAll(async () => {
		await browser?.close();
		await server?.close();
	});

	/** Types into the editor the way the secretary would, then waits for anything to reach the server. */
	async function tryTyping(words: string) {
		await caretAtEndOfParagraph(page, 0).catch(() => undefined);
		await page.keyboard.type(words);
		await page.keyboard.press('Enter');
		await page.keyboard.type(words);
		await page.waitForTimeout(1000);
	}

	it('an agenda whose schemaVersion is newer than the app shows the update banner and writes nothing', async () => {
		const agendaId = await addAgenda(server, 'schema-newer-agenda', '新版本议程');
		await page.goto(`${browser.base}/agenda/${agendaId}`);
		await waitForConnection(page, 'online');
		await expect.poll(() => page.getAttribute('.gz-editor', 'contenteditable')).toBe('true');

		const newer = await openAgenda(server, 'rc-member', { docId: agendaId });
		newer.doc.getMap(AGENDA_META).set('schemaVersion', AGENDA_SCHEMA_VERSION + 1);
		await waitForAck(newer, 1);
		const content = newer.doc.getXmlFragment(AGENDA_FRAGMENT).toJSON();
		newer.destroy();

		await page.waitForSelector('[data-testid="schema-banner"]');
		expect(await page.getAttribute('.gz-editor', 'contenteditable')).toBe('false');
		const rows = await server.services.stores.yjs.count(agendaId);
		await tryTyping('旧版本不应写入');
		expect(await server.services.stores.yjs.count(agendaId)).toBe(rows);
		expect(await page.locator('.gz-editor').textContent()).not.toContain('旧版本不应写入');

		// Opened afresh (from IndexedDB, then the server) it is read-only from the start. On
		// connecting, the page re-sends its state (a Yjs sync step 2 always carries the whole
		// delete set): rows are counted once it is connected, and the content compared whole.
		await page.reload();
		await page.waitForSelector('[data-testid="schema-banner"]');
		await waitForConnection(page, 'online');
		expect(await page.getAttribute('.gz-editor', 'contenteditable')).toBe('false');
		await page.waitForTimeout(500);
		const rowsAfterReload = await server.services.stores.yjs.count(agendaId);
		await tryTyping('重新打开也不写');
		expect(await server.services.stores.yjs.count(agendaId)).toBe(rowsAfterReload);
		const fresh = await openAgenda(server, 'oc-member', { docId: agendaId });
		expect(fresh.doc.getXmlFragment(AGENDA_FRAGMENT).toJSON()).toBe(content);
		expect(fresh.doc.getMap(AGENDA_META).get('schemaVersion')).toBe(AGENDA_SCHEMA_VERSION + 1);
		fresh.destroy();
		await shoot(page, SHOTS, 'agenda-newer-schema', { fullPage: false });
	});

	it('a board whose schemaVersion is newer than the app shows the update banner and offers no edits', async () => {
		const boardId = await addBoard(server, '新版本看板');
		await page.goto(`${browser.base}/board/${boardId}`);
		await waitForConnection(page, 'online');
		await page.waitForSelector('[data-testid="new-task"]');

		const newer = await boardClient(server, 'rc-member');
		const handle = await newer.find<Board>(boardId);
		handle.change((d) => {
			d.schemaVersion = BOARD_SCHEMA_VERSION + 1;
		});
		await waitUntilServerHas(newer, handle);
		await newer.close();

		await page.waitForSelector('[data-testid="schema-banner"]', { timeout: 20_000 });
		const chunks = await server.services.stores.automerge.lastSeq(boardId);
		for (const control of ['new-task', 'add-task', 'task-done', 'task-notes']) {
			expect(await page.locator(`[data-testid="${control}"]`).count(), control).toBe(0);
		}
		await page.keyboard.type('旧版本不应写入');
		await page.waitForTimeout(1000);
		expect(await server.services.stores.automerge.lastSeq(boardId)).toBe(chunks);
		await shoot(page, SHOTS, 'board-newer-schema', { fullPage: false });
	});

	it('an agenda holding a node this app cannot show says so, stays read-only and keeps the node', async () => {
		const agendaId = await addAgenda(server, 'schema-unknown-node', '未知内容议程');
		await page.goto(`${browser.base}/agenda/${agendaId}`);
		await waitForConnection(page, 'online');
		await expect.poll(() => page.getAttribute('.gz-editor', 'contenteditable')).toBe('true');

		// What a later app version might add: a decision block with its own attribute.
		const newer = await openAgenda(server, 'rc-member', { docId: agendaId });
		const decision = new Y.XmlElement('decision');
		decision.setAttribute('outcome', 'adopted');
		decision.insert(0, [new Y.XmlText('决定：三号楼加装电梯')]);
		newer.doc.getXmlFragment(AGENDA_FRAGMENT).push([decision]);
		await waitForAck(newer, 1);
		newer.destroy();

		await page.waitForSelector('[data-testid="content-banner"]', { timeout: 20_000 });
		expect(await page.getAttribute('.gz-editor', 'contenteditable')).toBe('false');
		const rows = await server.services.stores.yjs.count(agendaId);
		await tryTyping('不应写入');
		expect(await server.services.stores.yjs.count(agendaId)).toBe(rows);

		await page.reload();
		await page.waitForSelector('[data-testid="content-banner"]', { timeout: 20_000 });
		expect(await page.getAttribute('.gz-editor', 'contenteditable')).toBe('false');
		await tryTyping('重新打开也不写');
		expect(await server.services.stores.yjs.count(agendaId)).toBe(rows);
		await shoot(page, SHOTS, 'agenda-content-error', { fullPage: false });

		const fresh = await openAgenda(server, 'oc-member', { docId: agendaId });
		expect(elementNames(fresh.doc)).toContain('decision');
		fresh.destroy();
	});

	const unshowable: [string, (fragment: Y.XmlFragment) => void][] = [
		[
			'a script element',
			(f) => {
				const script = new Y.XmlElement('script');
				script.insert(0, [new Y.XmlText('window.__pwned=1;alert(1)')]);
				f.push([script]);
			}
		],
		[
			'an onclick attribute on a paragraph',
			(f) => {
				const p = new Y.XmlElement('paragraph');
				p.setAttribute('onclick', 'window.__pwned=1;alert(1)');
				p.insert(0, [new Y.XmlText('带属性的段落')]);
				f.push([p]);
			}
		],
		[
			'an unknown mark',
			(f) => {
				const p = new Y.XmlElement('paragraph');
				const t = new Y.XmlText();
				t.insert(0, '带未知标记', { highlight: { color: 'red' } });
				p.insert(0, [t]);
				f.push([p]);
			}
		],
		[
			'a link mark with an onclick attribute',
			(f) => {
				const p = new Y.XmlElement('paragraph');
				const t = new Y.XmlText();
				t.insert(0, '带事件的链接', {
					link: { href: 'https://example.org/', onclick: 'window.__pwned=1;alert(1)' }
				});
				p.insert(0, [t]);
				f.push([p]);
			}
		]
	];

	it.each(unshowable)(
		'an agenda holding %s opens read-only, runs nothing, and keeps it',
		async (what, inject) => {
			const agendaId = await addAgenda(
				server,
				`unshowable-${unshowable.findIndex(([w]) => w === what)}`,
				what
			);
			const newer = await openAgenda(server, 'rc-member', { docId: agendaId });
			inject(newer.doc.getXmlFragment(AGENDA_FRAGMENT));
			await waitForAck(newer, 1);
			const before = newer.doc.getXmlFragment(AGENDA_FRAGMENT).toJSON();
			newer.destroy();
			const rows = await server.services.stores.yjs.count(agendaId);

			const dialogs: string[] = [];
			const onDialog = (d: { message(): string; dismiss(): Promise<void> }) => {
				dialogs.push(d.message());
				void d.dismiss();
			};
			page.on('dialog', onDialog);
			await page.goto(`${browser.base}/agenda/${agendaId}`);
			await waitForConnection(page, 'online');
			await page.waitForSelector('[data-testid="content-banner"]', { timeout: 20_000 });
			expect(await page.getAttribute('.gz-editor', 'contenteditable')).toBe('false');
			expect(await page.locator('.gz-editor script, .gz-editor [onclick]').count()).toBe(0);
			await tryTyping('不应写入');
			page.off('dialog', onDialog);
			expect(dialogs).toEqual([]);
			expect(
				await page.evaluate(() => (window as { __pwned?: number }).__pwned ?? null)
			).toBeNull();
			expect(await server.services.stores.yjs.count(agendaId)).toBe(rows);

			const fresh = await openAgenda(server, 'oc-member', { docId: agendaId });
			expect(fresh.doc.getXmlFragment(AGENDA_FRAGMENT).toJSON()).toBe(before);
			fresh.destroy();
		}
	);
});
