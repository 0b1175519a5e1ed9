import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { COMMENT_WRITES } from '../../src/lib/domain/comments';
import { CommentOutbox } from '../../src/lib/sync/CommentOutbox';
import { api, publishedMeeting } from '../helpers/commentFixtures';
import { startTestServer, type TestServer } from '../helpers/server';

/**
 * One person cannot flood a live meeting's comments: past COMMENT_WRITES the server answers 429
 * with Retry-After, stores nothing, and counts nobody else's writes. The page's outbox, sending
 * a long offline backlog, keeps what was refused so and sends it on a later try. Over the real
 * server with its clock held by the test (run `npm run build` first).
 */
let server: TestServer;
let clock = Date.parse('2026-12-10T09:30:00+08:00');
let meetingId: string;
const cookies: Record<string, string> = {};
const path = () => `/api/meetings/${meetingId}/comments`;
const post = (who: string, clientKey: string = randomUUID()) =>
	api(server, path(), cookies[who], { clientKey, body: `第${clientKey.slice(0, 4)}条意见` });
const storedBy = async (userId: string) =>
	(await server.services.stores.comments.ofMeeting(meetingId)).filter((c) => c.authorId === userId)
		.length;

beforeAll(async () => {
	server = await startTestServer({ withApp: true, config: { now: () => clock } });
	for (const u of ['resident', 'rc-member']) cookies[u] = await server.cookieFor(u);
	({ meetingId } = await publishedMeeting(server));
});
afterAll(async () => {
	await server?.close();
});

it('a burst past the limit gets 429 with Retry-After and nothing stored; a resent key and another person are not held back', async () => {
	const first = randomUUID();
	for (let i = 0; i < COMMENT_WRITES.burst; i++) {
		const res = await post('resident', i === 0 ? first : undefined);
		expect(res.status, `comment ${i + 1}`).toBe(201);
	}
	const over = await post('resident');
	expect(over.status).toBe(429);
	expect(await over.json()).toMatchObject({ error: 'too_many', reason: 'too_many' });
	// One token comes back every 60 / perMinute seconds.
	expect(over.headers.get('retry-after')).toBe(String(60 / COMMENT_WRITES.perMinute));
	expect(await storedBy('u-resident')).toBe(COMMENT_WRITES.burst);

	// The first comment's answer "lost" and sent again: the stored one, not a new write.
	const again = await post('resident', first);
	expect(again.status).toBe(200);
	// Someone else in the same meeting writes as usual.
	expect((await post('rc-member')).status).toBe(201);

	clock += (60_000 / COMMENT_WRITES.perMinute) * 2;
	expect((await post('resident')).status).toBe(201);
	expect((await post('resident')).status).toBe(201);
	expect((await post('resident')).status).toBe(429);
	expect(await storedBy('u-resident')).toBe(COMMENT_WRITES.burst + 2);
});

it("the page's outbox keeps a backlog the server holds back and sends all of it on later tries, none twice", async () => {
	const cookie = await server.cookieFor('oc-member');
	clock += 60_000;
	const outbox = new CommentOutbox('u-oc', (input, init) =>
		fetch(new URL(input as string, server.url), {
			...init,
			headers: { ...(init?.headers as Record<string, string>), cookie, origin: server.url }
		})
	);
	const backlog = COMMENT_WRITES.burst + 5;
	for (let i = 0; i < backlog; i++) {
		const clientKey = randomUUID();
		outbox.add({
			clientKey,
			meetingId,
			input: { clientKey, body: `离线时写的第${i + 1}条` },
			createdAt: clock
		});
	}
	const sent: unknown[] = [];
	await outbox.flush((_, answer) => sent.push(answer));
	expect(sent).toHaveLength(COMMENT_WRITES.burst);
	// Held back, not refused: still waiting, with no error to show.
	const waiting = outbox.list(meetingId);
	expect(waiting).toHaveLength(5);
	expect(waiting.every((p) => p.error === null)).toBe(true);

	clock += 60_000;
	await outbox.flush((_, answer) => sent.push(answer));
	expect(outbox.list(meetingId)).toEqual([]);
	const bodies = (await server.services.stores.comments.ofMeeting(meetingId))
		.filter((c) => c.authorId === 'u-oc')
		.map((c) => c.body);
	expect(bodies).toHaveLength(backlog);
	expect(new Set(bodies).size).toBe(backlog);
	expect(bodies).toContain(`离线时写的第${backlog}条`);
});
