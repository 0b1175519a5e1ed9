import * as A from '@automerge/automerge';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Board } from '../../src/lib/domain/board';
import { readServerBoard } from '../../server/automerge/serverChange';
import { boardClient, waitUntilServerHas, type BoardClient } from '../helpers/automergeClient';
import { projectInEvaluation } from '../helpers/projectStage';
import type { SafeWebSocketClientAdapter } from '../../src/lib/sync/SafeWebSocketClientAdapter';
import { startTestServer, waitFor, type TestServer } from '../helpers/server';

/**
 * A closed secretary project's board is the record of what was promised, done and judged: from
 * the close on it is read-only for everyone, a socket already on it included, until the
 * secretary moves the project back a stage (with a reason).
 */
let server: TestServer;
const clients: BoardClient[] = [];
beforeAll(async () => {
	server = await startTestServer();
});
afterAll(async () => {
	for (const c of clients) await c.close();
	await server?.close();
});

/** A committee member's stock client on the board, its handle, and a title change it syncs. */
async function memberOn(id: string, opts: { safe?: boolean } = {}) {
	const client = await boardClient(server, 'rc-member', opts);
	clients.push(client);
	const handle = await client.find<Board>(id);
	const retitle = async (title: string) => {
		handle.change((d) => {
			d.title = title;
		});
		await waitUntilServerHas(client, handle);
	};
	return { client, handle, retitle };
}

const levelOf = async (userId: string, id: string) =>
	(await server.services.access.document(userId, id))?.level;

const refusalsOf = (user: string) =>
	server.logs.filter((l) => l.includes(user) && l.includes('(4403)')).length;

describe("a closed project's board", () => {
	it('refuses the edits of a committee member already on it, and takes them again once reopened', async () => {
		const id = await projectInEvaluation(server, '关闭后只读');
		const member = await memberOn(id);
		// Before the close the member writes as always.
		await member.retitle('关闭前的标题');
		expect(await levelOf('u-rc', id)).toBe('write');

		await server.services.projects.move('u-secretary', id, 'closed');
		expect(await levelOf('u-rc', id)).toBe('read');
		expect(await levelOf('u-secretary', id)).toBe('read');
		// Readers stay readers.
		expect(await levelOf('u-resident', id)).toBe('read');

		const stored = await server.services.stores.automerge.chunkCount(id);
		const refused = refusalsOf('u-rc');
		member.handle.change((d) => {
			d.title = '关闭后改写';
		});
		const late = A.getHeads(member.handle.doc())[0] as string;
		await waitFor(() => refusalsOf('u-rc') > refused, 'the edit on the closed board refused');
		expect((await readServerBoard<Board>(server.services, id)).title).toBe('关闭前的标题');
		expect(await server.services.stores.automerge.chunkCount(id)).toBe(stored);
		expect(await server.services.stores.automerge.authorOf(id, late)).toBeNull();

		// Moving back to evaluation, with a reason, gives the board back to its writers.
		await server.services.projects.move('u-secretary', id, 'evaluation', '满意度复核需补充材料');
		expect(await levelOf('u-rc', id)).toBe('write');
		await (await memberOn(id)).retitle('重新打开后的标题');
		expect((await readServerBoard<Board>(server.services, id)).title).toBe('重新打开后的标题');
	});

	it("the app's client, refused, stops reconnecting and keeps the change on the device", async () => {
		const id = await projectInEvaluation(server, '办结后停止重连');
		const member = await memberOn(id, { safe: true });
		await member.retitle('办结前');
		await server.services.projects.move('u-secretary', id, 'closed');

		const refused = refusalsOf('u-rc');
		member.handle.change((d) => {
			d.title = '办结后写下';
		});
		const adapter = member.client.adapter as SafeWebSocketClientAdapter;
		await waitFor(() => adapter.refused, 'the adapter to hear the refusal');
		// The stock adapter reconnects every 2 s here and pushes the same change into the same
		// refusal each time; the app's stays away until the page is reloaded.
		await new Promise((r) => setTimeout(r, 5_000));
		expect(refusalsOf('u-rc')).toBe(refused + 1);
		expect(member.handle.doc().title).toBe('办结后写下');
		expect((await readServerBoard<Board>(server.services, id)).title).toBe('办结前');
	});

	it("does not touch boards that are not a project's, nor projects still open", async () => {
		const open = await projectInEvaluation(server, '评议中仍可编辑');
		expect(await levelOf('u-rc', open)).toBe('write');
		expect(await levelOf('u-rc', server.boardId)).toBe('write');
	});
});
