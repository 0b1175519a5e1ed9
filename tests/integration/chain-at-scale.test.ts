import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeXlsx } from '../../server/files/xlsx';
import { get, postForm } from '../helpers/http';
import { startTestServer, type TestServer } from '../helpers/server';
import { scalePhone, seedBigCommunity } from '../helpers/seedScale';

/**
 * Issue 4, "a community has thousands": the chain page lists no people (its pickers search, or
 * take a typed phone number without JavaScript), so its size does not grow with the residents.
 */
let server: TestServer;
let secretary: string;
const RESIDENTS = 2000;
beforeAll(async () => {
	server = await startTestServer({ withApp: true });
	secretary = await server.cookieFor('secretary');
	await seedBigCommunity(server.services.stores, {
		communityId: 'c-a',
		residents: RESIDENTS,
		grids: 3,
		buildingsPerGrid: 10
	});
});
afterAll(async () => {
	await server?.close();
});

describe('the chain page of a big community', () => {
	it('stays small: no resident is listed, the count is', async () => {
		const res = await get(server, '/c/c-a/chain', secretary);
		expect(res.status).toBe(200);
		const html = await res.text();
		// 2,000 residents in 36 pickers were ~7 MB; now the page is the grids and buildings only.
		expect(html.length).toBeLessThan(400_000);
		expect(html).not.toContain(`居民${RESIDENTS - 1}<`);
		const active = await server.services.stores.residents.count('c-a', 'active');
		expect(active).toBeGreaterThan(RESIDENTS);
		expect(html).toContain(`${active} 位居民`);
	});

	it('the picker finds members by name or phone, masked, for the secretary only', async () => {
		const find = async (q: string, cookie = secretary) =>
			get(server, `/c/c-a/chain/people?q=${encodeURIComponent(q)}`, cookie);
		const byName = (await (await find('居民1999')).json()) as { userId: string; phone: string }[];
		expect(byName.map((m) => m.userId)).toEqual(['u-s-c-a-1999']);
		expect(byName[0]!.phone).toMatch(/\*/);
		expect(byName[0]!.phone).not.toBe(scalePhone(1999));
		const byPhone = (await (await find(`+86 ${scalePhone(42)}`)).json()) as { userId: string }[];
		expect(byPhone.map((m) => m.userId)).toEqual(['u-s-c-a-42']);
		expect(((await (await find('居民')).json()) as unknown[]).length).toBe(10);
		// A wildcard typed is a character, not "everyone".
		expect(await (await find('%')).json()).toEqual([]);
		expect((await find('居民', await server.cookieFor('resident'))).status).toBe(404);
	});

	it('assigns a building leader by a typed phone number (the form without JavaScript)', async () => {
		const res = await postForm(
			server,
			'/c/c-a/chain?/assign',
			{ unitId: 'c-a-sg1-b1', role: 'building_leader', person: scalePhone(7), userId: '' },
			secretary
		);
		expect(res.status).toBe(200);
		const held = await server.services.stores.org.membersOf('c-a-sg1-b1');
		expect(held).toContainEqual(
			expect.objectContaining({ userId: 'u-s-c-a-7', role: 'building_leader' })
		);
		// A number that is nobody's in this community assigns nobody.
		const stranger = await postForm(
			server,
			'/c/c-a/chain?/assign',
			{ unitId: 'c-a-sg1-b1', role: 'building_leader', person: '13912345678', userId: '' },
			secretary
		);
		expect(stranger.status).toBe(400);
	});

	it('imports 5,000 residents from one .xlsx; a newer preview replaces the older', async () => {
		const rows = [['网格', '楼栋', '房号', '姓名', '手机号', '身份']];
		for (let i = 0; i < 5000; i++)
			rows.push([
				`导入网格${i % 4}`,
				`${i % 40}号楼`,
				`${i % 30}`,
				`导入${i}`,
				scalePhone(600_000 + i),
				'居民'
			]);
		const bytes = await writeXlsx([{ name: '居民', rows }]);
		const preview = async () => {
			const body = new FormData();
			body.set('file', new Blob([new Uint8Array(bytes)]), 'residents.xlsx');
			const res = await fetch(`${server.url}/c/c-a/chain/import?/preview`, {
				method: 'POST',
				headers: { accept: 'text/html', origin: server.url, cookie: secretary },
				body
			});
			return /name="key" value="([^"]+)"/.exec(await res.text())?.[1];
		};
		const apply = (key: string) =>
			postForm(server, '/c/c-a/chain/import?/apply', { key }, secretary);
		const first = await preview();
		const second = await preview();
		expect(first && second).toBeTruthy();
		const before = await server.services.stores.residents.count('c-a');
		expect((await apply(first!)).status).toBe(400);
		expect((await apply(second!)).status).toBe(200);
		expect(await server.services.stores.residents.count('c-a')).toBe(before + 5000);
	}, 120_000);
});
