import { randomUUID } from 'node:crypto';
import * as encoding from 'lib0/encoding';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { applyServerChange, readServerBoard } from '../../server/automerge/serverChange';
import { DEMO_MEETINGS } from '../../server/demo/demoMeetings';
import { DECISION_TASK_AUTHOR } from '../../server/meetings/DecisionTasks';
import { CLOSE } from '../../server/sync/SyncEndpoint';
import { agendaItemElement, type AgendaItemSeed } from '../../server/yjs/agendaItemXml';
import { AGENDA_FRAGMENT } from '../../src/lib/domain/agenda';
import type { Board } from '../../src/lib/domain/board';
import { MESSAGE_SYNC, SYNC_UPDATE } from '../../src/lib/domain/yjsProtocol';
import { startTestServer, type TestServer } from '../helpers/server';
import { openAgenda, openRawSocket, waitForAck } from '../helpers/yjsClient';

let server: TestServer;
beforeAll(async () => {
	server = await startTestServer();
});
afterAll(async () => {
	await server?.close();
});

/** The service's refusal as `code:reason`, or 'ok'. */
async function outcome(run: () => Promise<unknown>): Promise<string> {
	try {
		await run();
		return 'ok';
	} catch (e) {
		const err = e as { code?: string; reason?: string };
		if (!err.code) throw e;
		return err.reason ? `${err.code}:${err.reason}` : err.code;
	}
}

async function newMeeting(): Promise<{ id: string; agendaId: () => Promise<string> }> {
	const id = await server.services.meetings.create('u-secretary', 'c-a', {
		title: '议题测试会',
		date: '2026-12-10',
		time: '09:30',
		place: '党群服务中心',
		committees: ['residents_committee', 'owners_committee', 'property_company'],
		otherParties: ''
	});
	return { id, agendaId: async () => (await server.services.stores.meetings.get(id))!.agendaId };
}

/** Writes items into an agenda as `username`'s stock y-websocket client; resolves once stored. */
async function writeItems(username: string, agendaId: string, seeds: AgendaItemSeed[]) {
	const client = await openAgenda(server, username, { docId: agendaId });
	client.doc.getXmlFragment(AGENDA_FRAGMENT).push(seeds.map(agendaItemElement));
	await waitForAck(client, 1);
	const clientId = client.doc.clientID;
	client.destroy();
	return clientId;
}

const move = (id: string, to: string) => server.services.meetings.move('u-secretary', id, to);
const view = (userId: string, id: string) => server.services.meetings.view(userId, id);

describe('who wrote an item comes from the server record of Yjs client ids', () => {
	it('each item names its writer and their committee; a forged client id is refused', async () => {
		const m = await newMeeting();
		const agendaId = await m.agendaId();
		const [a, b] = [randomUUID(), randomUUID()];
		const rcClient = await writeItems('rc-member', agendaId, [
			{ attrs: { id: a, raisedBy: 'residents_committee' }, topic: '独居老人走访' }
		]);
		await writeItems('pm-staff', agendaId, [{ attrs: { id: b }, topic: '车库照明' }]);

		// oc-member sends an item under rc-member's client id: refused, never stored.
		const forged = new Y.Doc();
		for (const u of (await server.services.stores.yjs.load(agendaId)).updates)
			Y.applyUpdate(forged, u);
		forged.clientID = rcClient;
		const before = Y.encodeStateVector(forged);
		forged
			.getXmlFragment(AGENDA_FRAGMENT)
			.push([agendaItemElement({ attrs: { id: randomUUID() }, topic: '冒名议题' })]);
		const raw = await openRawSocket(server, 'oc-member', { docId: agendaId });
		const encoder = encoding.createEncoder();
		encoding.writeVarUint(encoder, MESSAGE_SYNC);
		encoding.writeVarUint(encoder, SYNC_UPDATE);
		encoding.writeVarUint8Array(encoder, Y.encodeStateAsUpdate(forged, before));
		raw.ws.send(encoding.toUint8Array(encoder));
		expect(await raw.closed).toBe(CLOSE.forbidden);

		const v = await view('u-secretary', m.id);
		const items = v.items.map((i) => ({ topic: i.topic, author: i.author }));
		expect(items).toEqual([
			{ topic: '独居老人走访', author: { userId: 'u-rc', role: 'residents_committee' } },
			{ topic: '车库照明', author: { userId: 'u-pm', role: 'property_company' } }
		]);
		expect(v.names['u-rc']).toBe('李秀英');
	});
});

describe('per-item committee signatures', () => {
	it('only a member of that committee signs or withdraws, only for an item of the current revision', async () => {
		const m = await newMeeting();
		const agendaId = await m.agendaId();
		const item = randomUUID();
		await writeItems('rc-member', agendaId, [{ attrs: { id: item }, topic: '楼道堆物' }]);
		const sign = (userId: string, committee: string, itemId: string = item) =>
			outcome(() => server.services.meetings.sign(userId, m.id, committee, itemId));

		// Not before the session.
		expect(await sign('u-rc', 'residents_committee')).toBe('conflict:state');
		await move(m.id, 'published');
		await move(m.id, 'in_session');

		expect(await sign('u-oc', 'residents_committee')).toBe('forbidden:not_member');
		expect(await sign('u-secretary', 'residents_committee')).toBe('forbidden:forbidden');
		expect(await sign('u-resident', 'residents_committee')).toBe('forbidden:forbidden');
		expect(await sign('u-rc', 'residents_committee', randomUUID())).toBe('not_found:item');
		expect(await sign('u-rc', 'residents_committee', 'item-1')).toBe('invalid:item');
		expect(await sign('u-rc', 'residents_committee')).toBe('ok');
		expect(await sign('u-rc', 'residents_committee')).toBe('conflict:already_signed');
		expect(await sign('u-oc', 'owners_committee')).toBe('ok');
		// The whole-meeting signature is a separate record.
		expect(await sign('u-rc', 'residents_committee', '')).toBe('ok');

		const sigs = await server.services.stores.meetings.signatures(m.id);
		const rcItem = sigs.find((s) => s.itemId === item && s.committee === 'residents_committee')!;
		expect(rcItem.signerId).toBe('u-rc');
		expect(sigs.filter((s) => s.itemId === item)).toHaveLength(2);

		const withdraw = (userId: string) =>
			outcome(() => server.services.meetings.withdraw(userId, m.id, rcItem.id));
		for (const other of ['u-oc', 'u-pm', 'u-secretary', 'u-resident'])
			expect(await withdraw(other)).toBe('forbidden:not_signer');
		expect(await withdraw('u-outsider')).toBe('not_found');
		expect(await withdraw('u-rc')).toBe('ok');
		expect(await withdraw('u-rc')).toBe('conflict:conflict');

		const rc = await view('u-rc', m.id);
		expect(rc.itemSignFor).toEqual(['residents_committee']);
		expect((await view('u-secretary', m.id)).itemSignFor).toEqual([]);
		// Once minuted nobody signs an item any more.
		await move(m.id, 'minuted');
		expect(await sign('u-rc', 'residents_committee')).toBe('conflict:state');
	});
});

describe('minuted decisions become tasks', () => {
	it('project-linked → that board, unlinked → action list; a minuted correction makes no duplicate; the state shows', async () => {
		const { services } = server;
		const m = await newMeeting();
		const [onBoard, onList, deferred, later] = [
			randomUUID(),
			randomUUID(),
			randomUUID(),
			randomUUID()
		];
		await writeItems('oc-member', await m.agendaId(), [
			{
				attrs: {
					id: onBoard,
					link: `project:${server.boardId}`,
					decision: 'agreed',
					owner: 'committee:property_company',
					due: '2026-12-31'
				},
				topic: '电梯维修资金使用',
				notes: ['业委会同意动用维修资金。']
			},
			{
				attrs: { id: onList, decision: 'agreed', owner: 'user:u-rc', due: '2027-01-15' },
				topic: '东门停车划线'
			},
			{
				attrs: { id: deferred, decision: 'deferred', owner: 'user:u-rc', due: '2027-01-15' },
				topic: '暂缓的议题'
			}
		]);
		await move(m.id, 'published');
		await move(m.id, 'in_session');
		await move(m.id, 'minuted');

		const liftBoard = await readServerBoard<Board>(services, server.boardId);
		const task = liftBoard.tasks[`agenda-${onBoard}`]!;
		expect(task).toMatchObject({
			title: '电梯维修资金使用',
			status: 'todo',
			owner: 'committee:property_company',
			due: '2026-12-31'
		});
		expect(task.notes).toContain('业委会同意动用维修资金。');
		expect(task.notes).toContain(`/m/${m.id}#item-${onBoard}`);
		const list = (await services.stores.actionLists.ofCommunity('c-a'))!.boardId;
		const listBoard = await readServerBoard<Board>(services, list);
		expect(listBoard.tasks[`agenda-${onList}`]).toMatchObject({
			owner: 'user:u-rc',
			due: '2027-01-15'
		});
		expect(listBoard.tasks[`agenda-${deferred}`]).toBeUndefined();
		expect(liftBoard.tasks[`agenda-${onList}`]).toBeUndefined();
		// The board's record names the server's system author for it, not a person.
		const authors = (await services.stores.automerge.recorded(list)).map((r) => r.userId);
		expect(authors).toContain(DECISION_TASK_AUTHOR);
		expect(
			(await services.stores.meetingTasks.ofMeeting(m.id)).map((t) => t.itemId).sort()
		).toEqual([onBoard, onList].sort());

		// A correction: a new item is agreed and the old ones edited; minuting again adds only it.
		const revised = await services.meetings.correct('u-secretary', m.id, '补充议题');
		const client = await openAgenda(server, 'rc-member', { docId: revised });
		const fragment = client.doc.getXmlFragment(AGENDA_FRAGMENT);
		const first = fragment.toArray()[fragment.length - 3] as Y.XmlElement;
		first.setAttribute('due', '2027-02-28');
		fragment.push([
			agendaItemElement({
				attrs: {
					id: later,
					decision: 'agreed',
					owner: 'committee:owners_committee',
					due: '2027-03-01'
				},
				topic: '补充：楼顶防水'
			})
		]);
		await waitForAck(client, 1);
		client.destroy();
		await move(m.id, 'minuted');

		const countAgendaTasks = (b: Board) =>
			Object.keys(b.tasks).filter((k) => k.startsWith('agenda-')).length;
		const liftAfter = await readServerBoard<Board>(services, server.boardId);
		const listAfter = await readServerBoard<Board>(services, list);
		expect(countAgendaTasks(liftAfter)).toBe(countAgendaTasks(liftBoard));
		expect(liftAfter.tasks[`agenda-${onBoard}`]!.due).toBe('2026-12-31');
		expect(countAgendaTasks(listAfter)).toBe(countAgendaTasks(listBoard) + 1);
		expect(listAfter.tasks[`agenda-${later}`]).toMatchObject({ title: '补充：楼顶防水' });
		const rows = await services.stores.meetingTasks.ofMeeting(m.id);
		expect(rows).toHaveLength(3);
		expect(rows.find((r) => r.itemId === later)).toMatchObject({
			revision: 2,
			target: 'action_list'
		});
		expect(rows.find((r) => r.itemId === onBoard)).toMatchObject({
			revision: 1,
			target: 'project'
		});

		// Someone moves the task on the board: the meeting page shows it, read from the board.
		await applyServerChange<Board>(
			services,
			server.boardId,
			(d) => {
				d.tasks[`agenda-${onBoard}`]!.status = 'doing';
			},
			'u-pm'
		);
		const items = (await view('u-resident', m.id)).items;
		expect(items.find((i) => i.id === onBoard)!.task).toMatchObject({
			status: 'doing',
			boardId: server.boardId,
			target: 'project'
		});
		expect(items.find((i) => i.id === onList)!.task).toMatchObject({
			status: 'todo',
			boardId: list
		});
		expect(items.find((i) => i.id === deferred)!.task).toBeNull();
	});
});

describe('the item pickers offer only what the viewer may see', () => {
	it('a writer gets the community projects and committee members; a reader only what is linked', async () => {
		const agendaId = DEMO_MEETINGS[1]!.agendaId;
		const choices = (username: string) => server.services.agendaItems.choices(username, agendaId);
		const writer = (await choices('u-rc'))!;
		expect(writer.links).toContainEqual(
			expect.objectContaining({ value: `project:${server.boardId}`, kind: 'project' })
		);
		expect(writer.people.map((p) => p.id).sort()).toEqual(['u-oc', 'u-pm', 'u-rc']);

		const reader = (await choices('u-resident'))!;
		// The demo's upcoming agenda links only the lift project.
		expect(reader.links.map((l) => l.value)).toEqual([`project:${server.boardId}`]);
		expect(reader.links[0]!.label).toBe('3号楼加装电梯书记项目');
		expect(reader.people).toEqual([]);
		expect(await choices('u-outsider')).toBeNull();
	});
});
