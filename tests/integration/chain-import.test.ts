import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { toCsv } from '../../server/files/csv';
import { writeXlsx } from '../../server/files/xlsx';
import type { MessageProvider } from '../../server/messages/MessageProvider';
import { get, login, postForm } from '../helpers/http';
import { startTestServer, type TestServer } from '../helpers/server';

/**
 * Issue 4, the four-level chain: the secretary imports a community's residents from a
 * spreadsheet — preview with per-row problems, then one transaction; the same file twice
 * creates nothing twice; an imported person activates with a code and keeps their account.
 */
let server: TestServer;
let secretary: string;
const texts: { phone: string; text: string }[] = [];
const capture: MessageProvider = {
	send: async (phone, text) => {
		texts.push({ phone, text });
	}
};
beforeAll(async () => {
	server = await startTestServer({ withApp: true, messages: capture });
	secretary = await server.cookieFor('secretary');
});
afterAll(async () => {
	await server?.close();
});

const HEADER = ['网格', '楼栋', '房号', '姓名', '手机号', '身份'];
const ROWS = [
	['第1网格', '1号楼', '1-101', '赵一', '136 0000 0001', '居民'],
	['第五网格', '9号楼', '2-202', '钱二', '+86 136-0000-0002', '楼栋长'],
	['第五网格', '9号楼', '2-203', '孙三', '1360000', '居民'],
	['第五网格', '10号楼', '3-301', '李四', '13600000001', '居民'],
	['第1网格', '2号楼', '4-401', '周五', '13600000005', '族长']
];

async function upload(name: string, bytes: Uint8Array | string) {
	const body = new FormData();
	body.set('file', new Blob([typeof bytes === 'string' ? bytes : new Uint8Array(bytes)]), name);
	const res = await fetch(`${server.url}/c/c-a/chain/import?/preview`, {
		method: 'POST',
		redirect: 'manual',
		headers: { accept: 'text/html', origin: server.url, cookie: secretary },
		body
	});
	const html = await res.text();
	return { status: res.status, html, key: /name="key" value="([^"]+)"/.exec(html)?.[1] };
}

const apply = (key: string) => postForm(server, '/c/c-a/chain/import?/apply', { key }, secretary);

async function snapshot() {
	const { stores } = server.services;
	const grids = (await stores.org.children('c-a')).map((g) => g.name).sort();
	return { grids, residents: await stores.residents.count('c-a') };
}

describe('import from a spreadsheet', () => {
	it('previews without writing, reports bad rows by line, then applies in one go', async () => {
		const before = await snapshot();
		const csv = toCsv([HEADER, ...ROWS]);
		const preview = await upload('居民.csv', csv);
		expect(preview.status).toBe(200);
		expect(await snapshot()).toEqual(before);
		// Line 4: a short number; line 5: 13600000001 again; line 6: an unknown 身份.
		expect(preview.html).toContain('第 4 行');
		expect(preview.html).toContain('手机号不正确');
		expect(preview.html).toContain('第 5 行');
		expect(preview.html).toContain('手机号在文件中重复');
		expect(preview.html).toContain('第 6 行');
		expect(preview.html).toContain('身份无法识别');
		expect(preview.html).toContain('将新增 1 个网格、1 个楼栋、2 位居民。');

		expect((await apply(preview.key!)).status).toBe(200);
		const { stores, access } = server.services;
		const zhao = await stores.residents.byPhone('13600000001');
		expect(zhao).toMatchObject({
			gridId: 'c-a-g1',
			buildingId: 'c-a-g1-b1',
			room: '1-101',
			status: 'active',
			confirmedBy: 'import'
		});
		expect((await stores.users.byUsername('13600000001'))?.passwordHash).toBe('');
		const qian = await stores.residents.byPhone('13600000002');
		const grid = await stores.org.unit(qian!.gridId);
		expect(grid).toMatchObject({ name: '第五网格', parentId: 'c-a', kind: 'grid' });
		expect(await access.rolesIn(qian!.userId, qian!.buildingId!)).toEqual(
			new Set(['resident', 'building_leader'])
		);
		expect(await stores.residents.byPhone('13600000005')).toBeNull();
		// A key works once.
		expect((await apply(preview.key!)).status).toBe(400);
	});

	it('importing the same file again changes nothing', async () => {
		const before = await snapshot();
		const again = await upload('居民.csv', toCsv([HEADER, ...ROWS]));
		expect(again.html).toContain('将新增 0 个网格、0 个楼栋、0 位居民。');
		expect((await apply(again.key!)).status).toBe(200);
		expect(await snapshot()).toEqual(before);
	});

	it('reads .xlsx the same way', async () => {
		const bytes = await writeXlsx([
			{
				name: '居民',
				rows: [HEADER, ['第2网格', '4号楼', '5-501', '吴六', '13600000006', '志愿者']]
			}
		]);
		const preview = await upload('居民.xlsx', bytes);
		expect(preview.html).toContain('将新增 0 个网格、0 个楼栋、1 位居民。');
		expect((await apply(preview.key!)).status).toBe(200);
		const wu = await server.services.stores.residents.byPhone('13600000006');
		expect(wu).toMatchObject({ gridId: 'c-a-g2', buildingId: 'c-a-g2-b4' });
	});

	it('an unknown or missing column stops the import', async () => {
		const before = await snapshot();
		const preview = await upload(
			'x.csv',
			toCsv([
				['网格', '楼号', '姓名', '手机号'],
				['a', 'b', 'c', '13600000009']
			])
		);
		expect(preview.html).toContain('无法识别的列：楼号');
		expect(preview.html).toContain('缺少“楼栋”列');
		expect(preview.key).toBeUndefined();
		expect(await snapshot()).toEqual(before);
	});

	it('the template is a CSV with a byte-order mark and the Chinese header', async () => {
		const res = await get(server, '/c/c-a/chain/import/template', secretary);
		expect(res.status).toBe(200);
		expect(res.headers.get('content-type')).toContain('text/csv');
		const bytes = new Uint8Array(await res.arrayBuffer());
		expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
		expect(new TextDecoder().decode(bytes)).toContain('网格,楼栋,房号,姓名,手机号,身份');
	});

	it('an imported person activates with a code: same account, now with a password', async () => {
		const imported = await server.services.stores.residents.byPhone('13600000001');
		const send = await postForm(server, '/register?/sendCode', { phone: '13600000001' });
		expect(send.status).toBe(200);
		const code = /\b(\d{6})\b/.exec(texts.at(-1)?.text ?? '')?.[1];
		const res = await postForm(server, '/register?/register', {
			phone: '13600000001',
			name: '赵一',
			password: 'imported-now-active',
			code: code!
		});
		expect(res.status).toBe(303);
		const user = await server.services.stores.users.byUsername('13600000001');
		expect(user?.id).toBe(imported!.userId);
		expect(await login(server, '13600000001', 'imported-now-active')).toMatch(/^gz_session=/);
		const roles = await server.services.stores.org.membershipsOf(imported!.userId);
		expect(roles.map((m) => m.role)).toEqual(['resident']);
	});

	it('an imported person cannot log in before activating', async () => {
		await expect(login(server, '13600000002', '')).rejects.toThrow();
	});
});
