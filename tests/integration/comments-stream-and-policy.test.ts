import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_UNITS, DEMO_USERS, type DemoUser } from '../../server/demo/demoDistrict';
import type { CommentSnapshot, CommentView } from '../../src/lib/domain/comments';
import { canSeeMeeting } from '../../src/lib/domain/meetings';
import { canDoWithComments, COMMENT_POLICY } from '../../src/lib/domain/policy';
import { ROLE_UNIT_KIND } from '../../src/lib/domain/roles';
import { api, openStream, publishedMeeting } from '../helpers/commentFixtures';
import { startTestServer, waitFor, type TestServer } from '../helpers/server';

/**
 * Issue 6: comments appear for everyone reading the meeting within a second (server-sent
 * events), hidden ones disappear for all but the secretary, a revoked session's stream ends, and
 * who may comment follows COMMENT_POLICY for every demo user. Run `npm run build` first.
 */
let server: TestServer;
let meetingId: string;
const cookies: Record<string, string> = {};

const post = (who: string, body: Record<string, unknown>) =>
	api(server, `/api/meetings/${meetingId}/comments`, cookies[who], {
		clientKey: randomUUID(),
		...body
	});
const isComment = (id: string) => (e: { type: string; data: unknown }) =>
	e.type === 'comment' && (e.data as CommentView).id === id;

beforeAll(async () => {
	server = await startTestServer({ withApp: true });
	for (const u of DEMO_USERS) cookies[u.username] = await server.cookieFor(u.username);
	({ meetingId } = await publishedMeeting(server));
});
afterAll(async () => {
	await server?.close();
});

describe('the comment stream', () => {
	it("delivers a resident's new comment to a committee member in under a second", async () => {
		const stream = await openStream(server, cookies['rc-member']!, meetingId);
		const snapshot = await stream.next((e) => e.type === 'snapshot');
		expect((snapshot.data as CommentSnapshot).me).toMatchObject({ userId: 'u-rc', post: true });
		const sentAt = Date.now();
		const res = await post('resident', { body: '实时评论' });
		const { comment } = (await res.json()) as { comment: CommentView };
		const got = await stream.next(isComment(comment.id), 1000);
		expect(got.at - sentAt).toBeLessThan(1000);
		expect(got.data).toMatchObject({ body: '实时评论', authorName: '陈桂兰', clientKey: null });
		stream.close();
	});

	it('an edit, a resolution and a hiding reach readers; hidden is a removal except for the secretary', async () => {
		const [rc, sec, resident] = await Promise.all(
			['rc-member', 'secretary', 'resident'].map((u) => openStream(server, cookies[u]!, meetingId))
		);
		const { comment } = (await (await post('resident', { body: '要隐藏的' })).json()) as {
			comment: CommentView;
		};
		await rc!.next(isComment(comment.id));
		const own = await resident!.next(isComment(comment.id));
		// The author's own copy carries its client key (the outbox matches pending comments by it).
		expect((own.data as CommentView).clientKey).not.toBeNull();

		await api(server, `/api/meetings/${meetingId}/comments/${comment.id}`, cookies.secretary, {
			action: 'hide',
			reason: '与议题无关'
		});
		await rc!.next((e) => e.type === 'remove' && (e.data as { id: string }).id === comment.id);
		await resident!.next(
			(e) => e.type === 'remove' && (e.data as { id: string }).id === comment.id
		);
		const marked = await sec!.next(
			(e) => isComment(comment.id)(e) && (e.data as CommentView).hidden !== null
		);
		expect((marked.data as CommentView).hidden).toMatchObject({ reason: '与议题无关' });
		// Nobody but the secretary ever received the reason.
		for (const s of [rc!, resident!]) expect(JSON.stringify(s.events)).not.toContain('与议题无关');
		for (const s of [rc!, sec!, resident!]) s.close();
	});

	it('many readers of one meeting share one bus subscription, and each gets the comment', async () => {
		const { streams } = server.services.comments;
		const fresh = (await publishedMeeting(server, '多人旁听的会')).meetingId;
		// The earlier tests' readers have gone (a closed response is noticed a moment later).
		await waitFor(() => streams.size === 0, 'the earlier streams to close');
		const before = streams.meetings;
		const readers = await Promise.all(
			['rc-member', 'oc-member', 'pm-staff', 'party-member', 'deputy', 'officer'].map((u) =>
				openStream(server, cookies[u]!, fresh)
			)
		);
		expect(streams.meetings).toBe(before + 1);
		const res = await api(server, `/api/meetings/${fresh}/comments`, cookies.resident, {
			clientKey: randomUUID(),
			body: '大家都看到'
		});
		const { comment } = (await res.json()) as { comment: CommentView };
		await Promise.all(readers.map((r) => r.next(isComment(comment.id), 1000)));
		for (const r of readers) r.close();
		await waitFor(() => streams.meetings === before, 'the subscription to go with the last reader');
	});

	it('an outsider and a missing meeting get the same 404; no session gets 401', async () => {
		const url = (id: string) => `/api/meetings/${id}/comments/stream`;
		const forbidden = await api(server, url(meetingId), cookies.outsider);
		const missing = await api(server, url(`mt-${randomUUID()}`), cookies.outsider);
		expect([forbidden.status, missing.status]).toEqual([404, 404]);
		expect(await forbidden.text()).toBe(await missing.text());
		expect((await api(server, url(meetingId), undefined)).status).toBe(401);
	});

	it('a logout ends the stream of that session at once', async () => {
		const cookie = await server.cookieFor('oc-member');
		const stream = await openStream(server, cookie, meetingId);
		await stream.next((e) => e.type === 'snapshot');
		expect(server.services.comments.streams.size).toBeGreaterThan(0);
		const before = server.services.comments.streams.size;
		const token = cookie.split('=')[1]!;
		const valid = await server.services.sessions.validate(token);
		await server.services.sessions.invalidate(valid!.session);
		await waitFor(() => server.services.comments.streams.size === before - 1, 'the stream to end');
		const { comment } = (await (await post('resident', { body: '登出之后' })).json()) as {
			comment: CommentView;
		};
		await new Promise((r) => setTimeout(r, 300));
		expect(stream.events.some(isComment(comment.id))).toBe(false);
		stream.close();
	});
});

/** The roles a demo user holds that apply in community A (held at A or above, where allowed). */
function rolesInA(user: DemoUser) {
	const above = new Set<string>();
	for (
		let id: string | null = 'c-a';
		id;
		id = DEMO_UNITS.find((u) => u.id === id)?.parentId ?? null
	)
		above.add(id);
	return [{ unitId: user.unitId, role: user.role }, ...(user.also ?? [])]
		.filter((m) => above.has(m.unitId))
		.filter((m) => ROLE_UNIT_KIND[m.role].includes(DEMO_UNITS.find((u) => u.id === m.unitId)!.kind))
		.map((m) => m.role);
}

describe('who may comment, generated from COMMENT_POLICY', () => {
	it('declares every action for the roles that run or attend meetings', () => {
		expect(COMMENT_POLICY.hide).toEqual(['secretary']);
		expect(COMMENT_POLICY.post).toContain('resident');
	});

	for (const user of DEMO_USERS) {
		it(`${user.username} (${user.role}) on a published meeting of community A`, async () => {
			const roles = rolesInA(user);
			const expected = !canSeeMeeting('published', roles)
				? 404
				: canDoWithComments('post', roles)
					? 201
					: 403;
			const res = await post(user.username, { body: `${user.username} 的评论` });
			expect(res.status).toBe(expected);
			const read = await api(server, `/api/meetings/${meetingId}/comments`, cookies[user.username]);
			expect(read.status).toBe(expected === 404 ? 404 : 200);
			if (read.status === 200) {
				const { me } = (await read.json()) as CommentSnapshot;
				expect(me).toMatchObject({
					post: canDoWithComments('post', roles),
					resolveAny: canDoWithComments('resolve_any', roles),
					hide: canDoWithComments('hide', roles)
				});
			}
		});
	}
});
