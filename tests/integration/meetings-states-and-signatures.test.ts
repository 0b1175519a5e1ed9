import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { DEMO_USERS } from '../../server/demo/demoDistrict';
import { DEMO_MEETINGS } from '../../server/demo/demoMeetings';
import { AGENDA_FRAGMENT } from '../../src/lib/domain/agenda';
import {
	MEETING_STATES,
	meetingAgendaLevel,
	type MeetingState
} from '../../src/lib/domain/meetings';
import { YJS_SYNC_PATH } from '../../src/lib/domain/yjsProtocol';
import { startTestServer, type TestServer } from '../helpers/server';
import { upgradeStatus } from '../helpers/yjsClient';

let server: TestServer;
beforeAll(async () => {
	server = await startTestServer();
});
afterAll(async () => {
	await server?.close();
});

const input = (over: Record<string, unknown> = {}) => ({
	title: '12月联合办公会',
	date: '2026-12-10',
	time: '09:30',
	place: '党群服务中心',
	committees: ['residents_committee', 'owners_committee', 'property_company'],
	otherParties: '派出所\n社工站',
	...over
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

const create = (over: Record<string, unknown> = {}) =>
	server.services.meetings.create('u-secretary', 'c-a', input(over));

describe('the meeting state machine', () => {
	it('a new meeting is a draft with its agenda document, at the Beijing time entered', async () => {
		const { meetings, stores } = server.services;
		const id = await create();
		const m = (await stores.meetings.get(id))!;
		expect(m.state).toBe('draft');
		// 09:30 in Beijing is 01:30 UTC.
		expect(new Date(m.startsAt).toISOString()).toBe('2026-12-10T01:30:00.000Z');
		expect(m.otherParties).toEqual(['派出所', '社工站']);
		expect(await stores.documents.get(m.agendaId)).toMatchObject({
			kind: 'agenda',
			communityId: 'c-a'
		});
		const doc = new Y.Doc();
		for (const u of (await stores.yjs.load(m.agendaId)).updates) Y.applyUpdate(doc, u);
		expect(doc.getXmlFragment(AGENDA_FRAGMENT).toJSON()).toContain('12月联合办公会');
		expect((await meetings.view('u-secretary', id)).next).toBe('published');
	});

	it('bad input is refused with the field and writes nothing', async () => {
		const { stores } = server.services;
		const before = (await stores.meetings.inCommunity('c-a')).length;
		expect(await outcome(() => create({ title: ' ' }))).toBe('invalid:title');
		expect(await outcome(() => create({ date: '2026-02-30' }))).toBe('invalid:when');
		expect(await outcome(() => create({ time: '24:00' }))).toBe('invalid:when');
		expect(await outcome(() => create({ place: '' }))).toBe('invalid:place');
		expect(await outcome(() => create({ committees: [] }))).toBe('invalid:committees');
		expect(await outcome(() => create({ committees: ['deputy'] }))).toBe('invalid:committees');
		expect(await outcome(() => create({ otherParties: 'x'.repeat(41) }))).toBe(
			'invalid:otherParties'
		);
		expect((await stores.meetings.inCommunity('c-a')).length).toBe(before);
	});

	it('only the secretary creates and moves; a step cannot be skipped nor taken twice', async () => {
		const { meetings, stores } = server.services;
		expect(await outcome(() => meetings.create('u-rc', 'c-a', input()))).toBe(
			'forbidden:forbidden'
		);
		expect(await outcome(() => meetings.create('u-outsider', 'c-a', input()))).toBe('not_found');
		const id = await create();
		expect(await outcome(() => meetings.move('u-secretary', id, 'in_session'))).toBe(
			'conflict:skip'
		);
		expect(await outcome(() => meetings.move('u-secretary', id, 'minuted'))).toBe('conflict:skip');
		expect(await outcome(() => meetings.move('u-rc', id, 'published'))).toBe('forbidden:forbidden');
		expect(await outcome(() => meetings.move('u-secretary', id, 'draft'))).toBe('invalid:to');
		expect(await outcome(() => meetings.move('u-secretary', id, 'bogus'))).toBe('invalid:to');
		for (const to of ['published', 'in_session', 'minuted'] as const) {
			expect(await outcome(() => meetings.move('u-secretary', id, to))).toBe('ok');
			expect(await outcome(() => meetings.move('u-secretary', id, to))).toMatch(/^conflict/);
		}
		const moves = await stores.meetings.moves(id);
		expect(moves.map((m) => [m.from, m.to, m.authorId])).toEqual([
			[null, 'draft', 'u-secretary'],
			['draft', 'published', 'u-secretary'],
			['published', 'in_session', 'u-secretary'],
			['in_session', 'minuted', 'u-secretary']
		]);
		// Server times, in order.
		expect(moves.map((m) => m.at)).toEqual([...moves.map((m) => m.at)].sort((a, b) => a - b));
	});
});

describe('changing the details', () => {
	it('the secretary changes time, place and attendance before the session, never after', async () => {
		const { meetings, stores } = server.services;
		const id = await create();
		const changed = input({ time: '14:00', place: '活动室', committees: ['owners_committee'] });
		expect(await outcome(() => meetings.edit('u-rc', id, changed))).toBe('forbidden:forbidden');
		expect(await outcome(() => meetings.edit('u-resident', id, changed))).toBe('not_found');
		expect(await outcome(() => meetings.edit('u-secretary', id, input({ place: '' })))).toBe(
			'invalid:place'
		);
		expect(await outcome(() => meetings.edit('u-secretary', id, changed))).toBe('ok');
		expect(await stores.meetings.get(id)).toMatchObject({
			place: '活动室',
			committees: ['owners_committee'],
			startsAt: Date.UTC(2026, 11, 10, 6, 0)
		});
		await meetings.move('u-secretary', id, 'published');
		expect(await outcome(() => meetings.edit('u-secretary', id, input()))).toBe('ok');
		await meetings.move('u-secretary', id, 'in_session');
		expect(await outcome(() => meetings.edit('u-secretary', id, changed))).toBe('conflict:state');
		expect((await stores.meetings.get(id))?.place).toBe('党群服务中心');
	});

	it('a renamed meeting renames its agenda document, so lists and exports follow', async () => {
		const { meetings, stores } = server.services;
		const id = await create();
		expect(
			await outcome(() => meetings.edit('u-secretary', id, input({ title: '改期后的联席会' })))
		).toBe('ok');
		const meeting = await stores.meetings.get(id);
		expect(meeting?.title).toBe('改期后的联席会');
		expect((await stores.documents.get(meeting?.agendaId ?? ''))?.title).toBe('改期后的联席会');
	});
});

describe('who sees a meeting', () => {
	it('a resident cannot see a draft — not in the list, not its page, not its agenda — until it is published', async () => {
		const { meetings, access, stores } = server.services;
		const id = await create({ title: '草稿会议' });
		const { agendaId } = (await stores.meetings.get(id))!;
		const listed = async (user: string) =>
			(await meetings.list(user, 'c-a')).meetings.some((m) => m.id === id);
		expect(await listed('u-resident')).toBe(false);
		expect(await outcome(() => meetings.view('u-resident', id))).toBe('not_found');
		expect(await access.document('u-resident', agendaId)).toBeNull();
		expect((await access.documents('u-resident')).some((d) => d.doc.id === agendaId)).toBe(false);
		const ws = (user: string) =>
			server
				.headersFor(user)
				.then((h) => upgradeStatus(`${server.wsUrl}${YJS_SYNC_PATH}/${agendaId}`, h));
		expect(await ws('resident')).toBe(404);
		// The committees see and edit the draft.
		expect(await listed('u-oc')).toBe(true);
		expect((await access.document('u-oc', agendaId))?.level).toBe('write');
		expect(await ws('oc-member')).toBe(101);

		await meetings.move('u-secretary', id, 'published');
		expect(await listed('u-resident')).toBe(true);
		expect((await access.document('u-resident', agendaId))?.level).toBe('read');
		expect(await ws('resident')).toBe(101);
	});

	it('the agenda level of every demo user in every state follows MEETING_POLICY', async () => {
		const { access, stores } = server.services;
		const id = await create({ title: '矩阵' });
		const m = (await stores.meetings.get(id))!;
		const path: MeetingState[] = ['draft', 'published', 'in_session', 'minuted', 'correcting'];
		expect(path).toEqual([...MEETING_STATES]);
		for (const [i, state] of path.entries()) {
			if (i > 0 && state !== 'correcting')
				await server.services.meetings.move('u-secretary', id, state);
			if (state === 'correcting') await server.services.meetings.correct('u-secretary', id, '更正');
			const current = (await stores.meetings.get(id))!.agendaId;
			for (const user of DEMO_USERS) {
				const roles = await access.rolesIn(user.id, 'c-a');
				for (const [docId, isCurrent] of [
					[current, true],
					...(current === m.agendaId ? [] : [[m.agendaId, false]])
				] as [string, boolean][]) {
					const got = (await access.document(user.id, docId))?.level ?? 'none';
					expect(got, `${user.username} on ${state} (current ${isCurrent})`).toBe(
						meetingAgendaLevel(state, isCurrent, roles)
					);
				}
			}
		}
	});
});

describe('committee signatures', () => {
	async function inSession() {
		const { meetings } = server.services;
		const id = await create({ committees: ['residents_committee', 'owners_committee'] });
		await meetings.move('u-secretary', id, 'published');
		return id;
	}

	it('only a member signs, only for their own committee, only while in session', async () => {
		const { meetings, stores } = server.services;
		const id = await inSession();
		expect(await outcome(() => meetings.sign('u-rc', id, 'residents_committee'))).toBe(
			'conflict:state'
		);
		await meetings.move('u-secretary', id, 'in_session');
		// Another committee's member, the secretary, a resident: none may sign for the RC.
		expect(await outcome(() => meetings.sign('u-oc', id, 'residents_committee'))).toBe(
			'forbidden:not_member'
		);
		expect(await outcome(() => meetings.sign('u-secretary', id, 'residents_committee'))).toBe(
			'forbidden:forbidden'
		);
		expect(await outcome(() => meetings.sign('u-resident', id, 'residents_committee'))).toBe(
			'forbidden:forbidden'
		);
		expect(await outcome(() => meetings.sign('u-outsider', id, 'residents_committee'))).toBe(
			'not_found'
		);
		expect(await outcome(() => meetings.sign('u-rc', id, 'deputy'))).toBe('invalid:committee');
		// The property company does not attend this one.
		expect(await outcome(() => meetings.sign('u-pm', id, 'property_company'))).toBe(
			'conflict:not_attending'
		);
		expect(await outcome(() => meetings.sign('u-rc', id, 'residents_committee'))).toBe('ok');
		expect(await outcome(() => meetings.sign('u-rc', id, 'residents_committee'))).toBe(
			'conflict:already_signed'
		);
		expect(await outcome(() => meetings.sign('u-oc', id, 'owners_committee'))).toBe('ok');
		const sigs = await stores.meetings.signatures(id);
		expect(sigs.map((s) => [s.committee, s.signerId, s.revision, s.itemId])).toEqual([
			['residents_committee', 'u-rc', 1, null],
			['owners_committee', 'u-oc', 1, null]
		]);
	});

	it('nobody but the signer withdraws a signature, and nobody once minuted', async () => {
		const { meetings, stores } = server.services;
		const id = await inSession();
		await meetings.move('u-secretary', id, 'in_session');
		const rc = await meetings.sign('u-rc', id, 'residents_committee');
		const oc = await meetings.sign('u-oc', id, 'owners_committee');
		for (const user of ['u-oc', 'u-secretary', 'u-pm', 'u-resident']) {
			expect(await outcome(() => meetings.withdraw(user, id, rc)), user).toBe(
				'forbidden:not_signer'
			);
		}
		expect(await outcome(() => meetings.withdraw('u-rc', id, 999_999))).toBe('not_found');
		expect(await outcome(() => meetings.withdraw('u-rc', id, rc))).toBe('ok');
		expect(await outcome(() => meetings.withdraw('u-rc', id, rc))).toMatch(/^conflict/);
		await meetings.move('u-secretary', id, 'minuted');
		expect(await outcome(() => meetings.withdraw('u-oc', id, oc))).toBe('conflict:state');
		const sigs = await stores.meetings.signatures(id);
		expect(sigs.map((s) => [s.signerId, s.withdrawnAt !== null])).toEqual([
			['u-rc', true],
			['u-oc', false]
		]);
	});
});

describe('corrections', () => {
	it('a correction is a new revision seeded from the minuted one, which is kept read-only', async () => {
		const { meetings, stores, access } = server.services;
		const id = await create({ title: '更正会议' });
		for (const to of ['published', 'in_session', 'minuted'] as const)
			await meetings.move('u-secretary', id, to);
		const old = (await stores.meetings.get(id))!.agendaId;
		const oldRows = await stores.yjs.load(old);
		expect(await outcome(() => meetings.correct('u-rc', id, '错字'))).toBe('forbidden:forbidden');
		expect(await outcome(() => meetings.correct('u-secretary', id, ' '))).toBe('invalid:reason');
		const next = await meetings.correct('u-secretary', id, '第二项决定写错');
		const m = (await stores.meetings.get(id))!;
		expect([m.state, m.agendaId]).toEqual(['correcting', next]);
		const text = async (docId: string) => {
			const doc = new Y.Doc();
			for (const u of (await stores.yjs.load(docId)).updates) Y.applyUpdate(doc, u);
			return doc.getXmlFragment(AGENDA_FRAGMENT).toJSON();
		};
		expect(await text(next)).toBe(await text(old));
		// The old revision is untouched and read-only for the committees; the new one is theirs.
		expect(await stores.yjs.load(old)).toEqual(oldRows);
		expect((await access.document('u-rc', old))?.level).toBe('read');
		expect((await access.document('u-rc', next))?.level).toBe('write');
		// Authorship of the old client ids carries over: nobody can write under them.
		expect(await stores.yjs.clientOwners(next)).toEqual(await stores.yjs.clientOwners(old));
		expect((await stores.meetings.revisions(id)).map((r) => [r.revision, r.basedOn])).toEqual([
			[1, null],
			[2, old]
		]);
		await meetings.move('u-secretary', id, 'minuted');
		expect((await access.document('u-rc', next))?.level).toBe('read');
	});
});

describe('the demo', () => {
	it('has a minuted meeting with three signatures and a published upcoming one', async () => {
		const { stores } = server.services;
		const [minuted, upcoming] = DEMO_MEETINGS.map((m) => m.id);
		expect((await stores.meetings.get(minuted!))?.state).toBe('minuted');
		expect(
			(await stores.meetings.signatures(minuted!)).filter((s) => s.withdrawnAt === null)
		).toHaveLength(3);
		const next = (await stores.meetings.get(upcoming!))!;
		expect(next.state).toBe('published');
		expect(next.startsAt).toBeGreaterThan(Date.now());
	});
});
