import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { groupKey } from '../../src/lib/domain/problemGroups';
import { get, postForm } from '../helpers/http';
import { startTestServer, type TestServer } from '../helpers/server';

/**
 * Issue 4, "Problem list (问题清单)": over the real server with the demo history, where 丽泽园's
 * 5号楼 keeps complaining about its property company. Needs `npm run build` first.
 */
let server: TestServer;
let secretary: string;
const HOTSPOT = groupKey('property_service', 'c-a-g2', 'c-a-g2-b5');

beforeAll(async () => {
	server = await startTestServer({ withApp: true });
	secretary = await server.cookieFor('secretary');
});
afterAll(async () => {
	await server?.close();
});

/** SvelteKit's answer to a no-JS form POST is the page again (200) or a 4xx with the page. */
const mark = (fields: Record<string, string>, cookie = secretary) =>
	postForm(server, '/c/c-a/problems?/mark', fields, cookie);

describe('the problem list', () => {
	it('shows the recurring group with its monthly counts, to the secretary only', async () => {
		const res = await get(server, '/c/c-a/problems', secretary);
		expect(res.status).toBe(200);
		const html = await res.text();
		expect(html).toContain(HOTSPOT);
		expect(html).toContain('物业服务');
		expect(html).toContain('5号楼');
		for (const user of ['rc-member', 'grid-leader', 'resident', 'outsider', 'officer']) {
			const other = await get(server, '/c/c-a/problems', await server.cookieFor(user));
			expect(other.status, user).toBe(404);
		}
	});

	it('marking a group creates an entry and links exactly its unlinked demands', async () => {
		const { demands } = server.services.stores;
		const inGroup = (
			await demands.query({ communityIds: ['c-a'], gridIds: ['c-a-g2'], limit: 10_000 })
		).filter(
			(d) =>
				d.category === 'property_service' &&
				d.buildingId === 'c-a-g2-b5' &&
				d.state !== 'withdrawn' &&
				d.filedAt >= Date.now() - 200 * 86_400_000
		);
		expect(inGroup.length).toBeGreaterThan(5);

		const res = await mark({ group: HOTSPOT, title: '5号楼电梯频繁故障' });
		expect(res.status).toBe(200);
		const [problem] = await demands.problems('c-a');
		expect(problem).toMatchObject({
			title: '5号楼电梯频繁故障',
			category: 'property_service',
			gridId: 'c-a-g2',
			buildingId: 'c-a-g2-b5',
			createdBy: 'u-secretary',
			boardId: null
		});
		const linked = await demands.query({ problemId: problem!.id, limit: 10_000 });
		// Demands of the last six calendar months; the history is ~six months, so nearly all.
		expect(linked.length).toBeGreaterThan(5);
		expect(linked.length).toBeLessThanOrEqual(inGroup.length);
		for (const d of linked) {
			expect([d.category, d.buildingId]).toEqual(['property_service', 'c-a-g2-b5']);
		}
		const audit = await server.services.stores.audit.inScopes({
			scopes: ['c-a'],
			unscoped: false,
			limit: 10
		});
		expect(audit.find((e) => e.action === 'problem_marked')).toMatchObject({
			userId: 'u-secretary',
			target: `problem:${problem!.id}`
		});

		// The same group again: nothing left unlinked to steal from the first entry.
		await mark({ group: HOTSPOT, title: '再次标记' });
		expect(await demands.query({ problemId: problem!.id, limit: 10_000 })).toHaveLength(
			linked.length
		);
	});

	it('refuses a group outside the community, a made-up group and an empty title', async () => {
		const before = (await server.services.stores.demands.problems('c-a')).length;
		for (const fields of [
			{ group: groupKey('repair', 'c-b-g1', 'c-b-g1-b1'), title: '别的社区' },
			{ group: groupKey('repair', 'c-a-g1', 'c-a-g2-b5'), title: '楼栋不在该网格' },
			{ group: 'not|a|group', title: '乱写' },
			{ group: HOTSPOT, title: '   ' }
		]) {
			const res = await mark(fields);
			expect(res.status, JSON.stringify(fields)).toBe(400);
		}
		expect(await server.services.stores.demands.problems('c-a')).toHaveLength(before);
		const outsider = await mark({ group: HOTSPOT, title: 'x' }, await server.cookieFor('outsider'));
		expect(outsider.status).toBe(404);
	});

	it('turns an entry into a project board once, which opens at /board/[id]', async () => {
		const [problem] = await server.services.stores.demands.problems('c-a');
		const res = await postForm(
			server,
			'/c/c-a/problems?/board',
			{ problemId: problem!.id },
			secretary
		);
		expect(res.status).toBe(200);
		const after = await server.services.stores.demands.problem(problem!.id);
		expect(after!.boardId).toBeTruthy();
		const doc = await server.services.stores.documents.get(after!.boardId!);
		expect(doc).toMatchObject({
			kind: 'board',
			communityId: 'c-a',
			title: problem!.title,
			createdBy: 'u-secretary'
		});
		const again = await postForm(
			server,
			'/c/c-a/problems?/board',
			{ problemId: problem!.id },
			secretary
		);
		expect(again.status).toBe(400);
		expect((await server.services.stores.demands.problem(problem!.id))!.boardId).toBe(
			after!.boardId
		);
		// The board is a document of the community: its members see it on their home page.
		const home = await (await get(server, '/', await server.cookieFor('rc-member'))).text();
		expect(home).toContain(`/board/${after!.boardId}`);
	});
});
