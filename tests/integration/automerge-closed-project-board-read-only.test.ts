import * as A from '@automerge/automerge';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Board } from '../../src/lib/domain/board';
import { applyServerChange, readServerBoard } from '../../server/automerge/serverChange';
import { boardClient, waitUntilServerHas, type BoardClient } from '../helpers/automergeClient';
import { moveToEvaluation } from '../helpers/projectStage';
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

async function projectInEvaluation(title: string): Promise<string> {
	const id = await server.services.projects.create('u-secretary', { communityId: 'c-a', title });
	await applyServerChange<Board>(
		server.services,
		id,
		(d) => {
			Object.assign(d.pledge, { goal: '加装电梯', measures: '分三批施工', deadline: '2027-06-30' });
			d.pledge.responsible.push('王书记');
		},
		'u-rc'
	);
	await moveToEvaluation(server, id);
	return id;
}

/** A committee member's stock client on the board, its handle, and a title change it syncs. */
async function memberOn(id: string) {
	const client = await boardClient(server, 'rc-member');
	clients.push(client);
	const handle = await client.find<Board>(id);
	const retitle = async (title: string) => {
		handle.change((d) => {
			d.title = title;
		});
		await waitUntilServerHas(client, handle);
	};
	return { handle, retitle };
}

const levelOf = async (userId: string, id: string) =>
	(await server.services.access.document(userId, id))?.level;

const refusalsOf = (user: string) =>
	server.logs.filter((l) => l.includes(user) && l.includes('(4403)')).length;

describe("a closed project's board", () => {
	it('refuses the edits of a committee member already on it, and takes them again once reopened', async () => {
		const id = await projectInEvaluation('关闭后只读');
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

	it("does not touch boards that are not a project's, nor projects still open", async () => {
		const open = await projectInEvaluation('评议中仍可编辑');
		expect(await levelOf('u-rc', open)).toBe('write');
		expect(await levelOf('u-rc', server.boardId)).toBe('write');
	});
});
