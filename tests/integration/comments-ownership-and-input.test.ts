import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { AGENDA_FRAGMENT } from '../../src/lib/domain/agenda';
import type { CommentSnapshot, CommentView } from '../../src/lib/domain/comments';
import { api, publishedMeeting, seedItems, topicAnchor } from '../helpers/commentFixtures';
import { startTestServer, waitFor, type TestServer } from '../helpers/server';
import { openAgenda } from '../helpers/yjsClient';

/**
 * Issue 6, "residents comment in real time": comments are server rows owned by their author,
 * checked field by field, posted once per client key, hidden only by the secretary with a
 * logged reason. Over the real server and its HTTP API (run `npm run build` first).
 */
let server: TestServer;
let meetingId: string;
let agendaId: string;
let itemIds: string[];
const cookies: Record<string, string> = {};

const path = (id = meetingId) => `/api/meetings/${id}/comments`;
const post = (who: string, body: Record<string, unknown>, id = meetingId) =>
	api(server, path(id), cookies[who], { clientKey: randomUUID(), ...body });
const act = (who: string, commentId: string, body: Record<string, unknown>) =>
	api(server, `${path()}/${commentId}`, cookies[who], body);
const list = async (who: string) =>
	(await (await api(server, path(), cookies[who])).json()) as CommentSnapshot;
const stored = () => server.services.stores.comments.ofMeeting(meetingId);

beforeAll(async () => {
	server = await startTestServer({ withApp: true });
	for (const u of ['secretary', 'rc-member', 'oc-member', 'resident', 'party-member', 'outsider'])
		cookies[u] = await server.cookieFor(u);
	({ meetingId, agendaId } = await publishedMeeting(server));
	itemIds = await seedItems(server, agendaId, ['电梯更换', '东门停车']);
});
afterAll(async () => {
	await server?.close();
});

describe('who comments', () => {
	it('a resident comments on an item but cannot change the agenda body', async () => {
		const res = await post('resident', { body: '电梯什么时候能修好？', itemId: itemIds[0] });
		expect(res.status).toBe(201);
		const { comment } = (await res.json()) as { comment: CommentView };
		expect(comment).toMatchObject({ authorId: 'u-resident', itemId: itemIds[0], parentId: null });

		const reader = await openAgenda(server, 'resident', { docId: agendaId });
		const rows = await server.services.stores.yjs.count(agendaId);
		reader.doc.getXmlFragment(AGENDA_FRAGMENT).push([new Y.XmlText('RESIDENT-WRITE')]);
		await waitFor(
			() => server.logs.some((l) => l.includes('dropped an update from u-resident')),
			'the resident update to be dropped'
		);
		expect(await server.services.stores.yjs.count(agendaId)).toBe(rows);
		const { updates } = await server.services.stores.yjs.load(agendaId);
		const decoder = new TextDecoder();
		expect(updates.some((u) => decoder.decode(u).includes('RESIDENT-WRITE'))).toBe(false);
		reader.destroy();
	});

	it('the author is the session user, never a field of the body', async () => {
		const res = await post('resident', { body: '冒名', authorId: 'u-secretary' });
		const { comment } = (await res.json()) as { comment: CommentView };
		expect((await server.services.stores.comments.get(comment.id))?.authorId).toBe('u-resident');
	});

	it('a role that only reads the meeting cannot comment (403); a minuted meeting takes none (409)', async () => {
		expect((await post('party-member', { body: '党员意见' })).status).toBe(403);
		const minuted = await publishedMeeting(server, '已结束的会');
		const { meetings } = server.services;
		await meetings.move('u-secretary', minuted.meetingId, 'in_session');
		expect((await post('resident', { body: '会中' }, minuted.meetingId)).status).toBe(201);
		await meetings.move('u-secretary', minuted.meetingId, 'minuted');
		const late = await post('resident', { body: '会后' }, minuted.meetingId);
		expect([late.status, await late.json()]).toEqual([409, { error: 'conflict', reason: 'state' }]);
	});
});

describe('ownership', () => {
	it('only the author edits or deletes a comment; others are refused and nothing changes', async () => {
		const { comment } = (await (await post('resident', { body: '原文' })).json()) as {
			comment: CommentView;
		};
		for (const who of ['rc-member', 'secretary', 'oc-member']) {
			const edit = await act(who, comment.id, { action: 'edit', body: '被改' });
			expect([edit.status, await edit.json()]).toEqual([
				403,
				{ error: 'forbidden', reason: 'not_author' }
			]);
			expect((await act(who, comment.id, { action: 'delete' })).status).toBe(403);
		}
		expect((await server.services.stores.comments.get(comment.id))?.body).toBe('原文');

		expect((await act('resident', comment.id, { action: 'edit', body: '改后' })).status).toBe(200);
		const edited = await server.services.stores.comments.get(comment.id);
		expect([edited?.body, edited?.editedAt !== null]).toEqual(['改后', true]);
		expect((await act('resident', comment.id, { action: 'delete' })).status).toBe(200);
		const shown = (await list('rc-member')).comments.find((c) => c.id === comment.id);
		expect(shown).toMatchObject({ deleted: true, body: '' });
	});

	it('resolve: the author or a committee member, never another resident', async () => {
		const { comment } = (await (await post('rc-member', { body: '请物业答复' })).json()) as {
			comment: CommentView;
		};
		expect((await act('resident', comment.id, { action: 'resolve', resolved: true })).status).toBe(
			403
		);
		expect((await act('oc-member', comment.id, { action: 'resolve', resolved: true })).status).toBe(
			200
		);
		expect((await server.services.stores.comments.get(comment.id))?.resolvedBy).toBe('u-oc');
		expect(
			(await act('rc-member', comment.id, { action: 'resolve', resolved: false })).status
		).toBe(200);
		expect((await server.services.stores.comments.get(comment.id))?.resolvedAt).toBeNull();
	});
});

describe('hiding', () => {
	it('only the secretary hides, with a reason; it is logged and gone for everyone else', async () => {
		const { comment } = (await (await post('resident', { body: '不当言论' })).json()) as {
			comment: CommentView;
		};
		expect((await act('rc-member', comment.id, { action: 'hide', reason: '不当' })).status).toBe(
			403
		);
		expect((await act('resident', comment.id, { action: 'hide', reason: '不当' })).status).toBe(
			403
		);
		const noReason = await act('secretary', comment.id, { action: 'hide', reason: '  ' });
		expect([noReason.status, await noReason.json()]).toEqual([
			400,
			{ error: 'invalid', reason: 'reason' }
		]);
		expect((await server.services.stores.comments.get(comment.id))?.hiddenAt).toBeNull();

		expect(
			(await act('secretary', comment.id, { action: 'hide', reason: '人身攻击' })).status
		).toBe(200);
		const logged = (await server.services.stores.audit.recent(20)).find(
			(e) => e.action === 'comment_hidden' && e.target === `comment:${comment.id}`
		);
		expect(logged).toMatchObject({ userId: 'u-secretary', scope: 'c-a' });
		expect(logged?.detail).toMatchObject({ reason: '人身攻击', authorId: 'u-resident', meetingId });

		for (const who of ['resident', 'rc-member', 'party-member'])
			expect((await list(who)).comments.some((c) => c.id === comment.id)).toBe(false);
		const marked = (await list('secretary')).comments.find((c) => c.id === comment.id);
		expect(marked?.hidden).toMatchObject({ reason: '人身攻击' });
		// Its author can no longer edit it, reply to it, or find it.
		expect((await act('resident', comment.id, { action: 'edit', body: 'x' })).status).toBe(404);
		expect((await post('rc-member', { body: '回复', parentId: comment.id })).status).toBe(400);
	});
});

describe('an offline comment sent again', () => {
	it('is stored once per client key, also when both copies arrive at once', async () => {
		const clientKey = randomUUID();
		const body = { clientKey, body: '离线写的评论' };
		const first = await api(server, path(), cookies.resident, body);
		const again = await api(server, path(), cookies.resident, body);
		expect([first.status, again.status]).toEqual([201, 200]);
		const a = (await first.json()) as { comment: CommentView };
		const b = (await again.json()) as { comment: CommentView };
		expect(b.comment.id).toBe(a.comment.id);

		const racing = { clientKey: randomUUID(), body: '同时到达' };
		const answers = await Promise.all(
			[1, 2, 3].map(() => api(server, path(), cookies.resident, racing))
		);
		expect(answers.map((r) => r.status).sort()).toEqual([200, 200, 201]);
		const all = await stored();
		expect(all.filter((c) => c.clientKey === clientKey)).toHaveLength(1);
		expect(all.filter((c) => c.clientKey === racing.clientKey)).toHaveLength(1);
	});
});

describe('outsiders and no session', () => {
	it('an outsider gets the 404 an unknown meeting gets; no session gets 401', async () => {
		const unknown = `mt-${randomUUID()}`;
		for (const [method, body] of [
			['GET', undefined],
			['POST', { clientKey: randomUUID(), body: '外人' }]
		] as const) {
			const forbidden = await api(server, path(), cookies.outsider, body);
			const missing = await api(server, path(unknown), cookies.outsider, body);
			expect([forbidden.status, missing.status], method).toEqual([404, 404]);
			expect(await forbidden.text()).toBe(await missing.text());
			expect((await api(server, path(), undefined, body)).status, method).toBe(401);
		}
		expect((await stored()).some((c) => c.body === '外人')).toBe(false);
	});

	it('a resident cannot read or comment on a draft: 404, as if it did not exist', async () => {
		const draftId = await server.services.meetings.create('u-secretary', 'c-a', {
			title: '草稿会',
			date: '2026-12-20',
			time: '10:00',
			place: '会议室',
			committees: ['residents_committee'],
			otherParties: ''
		});
		const read = await api(server, path(draftId), cookies.resident);
		const missing = await api(server, path(`mt-${randomUUID()}`), cookies.resident);
		expect([read.status, await read.text()]).toEqual([404, await missing.text()]);
		expect((await post('resident', { body: '草稿' }, draftId)).status).toBe(404);
		// The committees read a draft, but it takes no comments yet.
		expect((await post('rc-member', { body: '草稿' }, draftId)).status).toBe(409);
	});
});

describe('bad input', () => {
	it('is refused with a 400 naming the field, and nothing is written', async () => {
		const before = (await stored()).length;
		const { anchor, quote } = await topicAnchor(server, agendaId, itemIds[1]!);
		const other = Buffer.from(
			Y.encodeRelativePosition(
				Y.createRelativePositionFromTypeIndex(new Y.Doc().getText('elsewhere'), 0)
			)
		).toString('base64');
		const cases: [Record<string, unknown>, string][] = [
			[{ body: '长'.repeat(1001) }, 'body'],
			[{ body: '   ' }, 'body'],
			[{ body: 42 }, 'body'],
			[{ body: 'x', clientKey: 'not-a-uuid' }, 'clientKey'],
			[{ body: 'x', itemId: randomUUID() }, 'item'],
			[{ body: 'x', itemId: '<script>' }, 'item'],
			[{ body: 'x', parentId: `cm-${randomUUID()}` }, 'parent'],
			[{ body: 'x', anchor: { start: 'AAAA', end: 'AAAA' }, quote: 'q' }, 'anchor'],
			[{ body: 'x', anchor: { start: 'A'.repeat(400), end: anchor.end }, quote }, 'anchor'],
			[{ body: 'x', anchor: { start: other, end: other }, quote }, 'anchor'],
			[{ body: 'x', anchor: { start: anchor.start, end: '%%%' }, quote }, 'anchor'],
			[{ body: 'x', anchor: 'nope', quote }, 'anchor'],
			[{ body: 'x', anchor, quote: '引'.repeat(201) }, 'quote'],
			[{ body: 'x', anchor }, 'quote'],
			[{ body: 'x', quote: '无锚点的引用' }, 'quote'],
			[{ body: 'x', mentions: ['u-resident'] }, 'mentions'],
			[{ body: 'x', mentions: ['u-outsider'] }, 'mentions'],
			[{ body: 'x', mentions: 'u-rc' }, 'mentions'],
			[{ body: 'x', mentions: Array.from({ length: 11 }, () => 'u-rc') }, 'mentions']
		];
		for (const [body, reason] of cases) {
			const res = await post('resident', body);
			expect([res.status, await res.json()], JSON.stringify(body).slice(0, 80)).toEqual([
				400,
				{ error: 'invalid', reason }
			]);
		}
		const notJson = await fetch(server.url + path(), {
			method: 'POST',
			headers: {
				'content-type': 'application/json',
				origin: server.url,
				cookie: cookies.resident!
			},
			body: '{not json'
		});
		expect(notJson.status).toBe(400);
		// A reply to a reply: one level of threads.
		const top = (await (await post('resident', { body: '顶层' })).json()) as {
			comment: CommentView;
		};
		const reply = (await (
			await post('rc-member', { body: '回复', parentId: top.comment.id })
		).json()) as {
			comment: CommentView;
		};
		expect((await post('resident', { body: '再回复', parentId: reply.comment.id })).status).toBe(
			400
		);
		expect((await stored()).length).toBe(before + 2);
	});

	it('a passage of the agenda and a mention of a committee member are accepted', async () => {
		const { anchor, quote } = await topicAnchor(server, agendaId, itemIds[1]!);
		const res = await post('resident', {
			body: '@李秀英 这段要改',
			anchor,
			quote,
			mentions: ['u-rc']
		});
		expect(res.status).toBe(201);
		const { comment } = (await res.json()) as { comment: CommentView };
		expect(comment.anchor).toEqual(anchor);
		expect(comment.quote).toBe(quote);
		expect(comment.mentions).toEqual([{ id: 'u-rc', name: '李秀英' }]);
	});
});

describe('notifications', () => {
	it('committee members hear of new comments, the mentioned of mentions, a resident of replies', async () => {
		const { notifications } = server.services.stores;
		const kindsFor = async (userId: string, commentId: string) =>
			(await notifications.forUser(userId, 200))
				.filter((n) => n.detail?.commentId === commentId)
				.map((n) => n.kind);
		const top = (
			(await (await post('resident', { body: '@张国强 请看', mentions: ['u-oc'] })).json()) as {
				comment: CommentView;
			}
		).comment;
		expect(await kindsFor('u-rc', top.id)).toEqual(['comment_new']);
		expect(await kindsFor('u-secretary', top.id)).toEqual(['comment_new']);
		expect(await kindsFor('u-oc', top.id)).toEqual(['comment_mention']);
		expect(await kindsFor('u-resident', top.id)).toEqual([]);
		expect(await kindsFor('u-party', top.id)).toEqual([]);

		const reply = (
			(await (await post('rc-member', { body: '已转物业', parentId: top.id })).json()) as {
				comment: CommentView;
			}
		).comment;
		expect(await kindsFor('u-resident', reply.id)).toEqual(['comment_reply']);
		expect(await kindsFor('u-rc', reply.id)).toEqual([]);
	});
});
