import JSZip from 'jszip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PDF_FONT_ENV } from '../../server/projects/pdfFont';
import { get } from '../helpers/http';
import { pdfText } from '../helpers/pdfText';
import { seedAgendaItems } from '../helpers/seedAgendaItems';
import { startTestServer, type TestServer } from '../helpers/server';

/**
 * Issue 6, history and export: a meeting's minutes as PDF and Word, made on the server from its
 * records and its own copy of the agenda. Over the built app (`npm run build` first).
 */
let server: TestServer;
let meetingId: string;
let agendaId: string;
/** A named version saved before the items were added. */
let earlyVersion: number;
const cookie: Record<string, string> = {};

const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

beforeAll(async () => {
	server = await startTestServer({ withApp: true });
	for (const u of ['secretary', 'rc-member', 'resident', 'outsider'])
		cookie[u] = await server.cookieFor(u);
	const { meetings, stores, agendaVersions } = server.services;
	meetingId = await meetings.create('u-secretary', 'c-a', {
		title: '供暖季联合办公会',
		date: '2026-12-18',
		time: '15:00',
		place: '社区活动室',
		committees: ['residents_committee', 'owners_committee', 'property_company'],
		otherParties: '热力公司'
	});
	agendaId = (await stores.meetings.get(meetingId))!.agendaId;
	earlyVersion = await agendaVersions.save('u-rc', agendaId, '会前草稿');
	await seedAgendaItems(stores, agendaId, 'u-rc', [
		{
			topic: '楼道堆物清理',
			notes: '物业通报各楼栋堆物情况，业委会要求限期清理。',
			raisedBy: 'property_company',
			decision: 'agreed',
			owner: 'user:u-pm',
			due: '2026-12-31'
		},
		{
			topic: '独居老人冬季走访',
			notes: '网格员与党员中心户分工。',
			raisedBy: 'residents_committee',
			decision: 'deferred',
			owner: 'committee:residents_committee',
			due: '2027-01-15'
		},
		// An owner outside the community: the minutes must not reveal who that account is.
		{ topic: '外部人员负责事项', decision: 'rejected', owner: 'user:u-outsider', due: '2027-02-01' }
	]);
});
afterAll(async () => {
	await server?.close();
});

const path = (format: string, query = '') => `/m/${meetingId}/minutes.${format}${query}`;

async function documentXml(res: Response): Promise<string> {
	const zip = await JSZip.loadAsync(new Uint8Array(await res.arrayBuffer()));
	return zip.file('word/document.xml')!.async('string');
}

describe('the minutes as a Word document', () => {
	it('unzips, and word/document.xml holds each topic, decision, owner name and due date', async () => {
		const res = await get(server, path('docx'), cookie['rc-member']);
		expect(res.status).toBe(200);
		expect(res.headers.get('content-type')).toBe(DOCX);
		const disposition = res.headers.get('content-disposition')!;
		expect(disposition).toContain(
			`filename*=UTF-8''${encodeURIComponent('供暖季联合办公会-会议纪要.docx')}`
		);
		expect(disposition).toMatch(/filename="minutes-mt-[0-9a-f-]+-r1\.docx"/);
		const xml = await documentXml(res);
		for (const part of [
			'多委联合办公会会议纪要',
			'供暖季联合办公会',
			'2026年12月18日 15:00',
			'社区活动室',
			'居委会、业委会、物业',
			'热力公司',
			'楼道堆物清理',
			'物业通报各楼栋堆物情况，业委会要求限期清理。',
			'同意',
			'赵磊',
			'2026年12月31日',
			'独居老人冬季走访',
			'暂缓',
			'2027年1月15日',
			'不同意',
			'（非本社区人员）'
		]) {
			expect(xml, part).toContain(part);
		}
		// The owner resolved server-side: no raw reference, and nobody outside the community named.
		expect(xml).not.toContain('user:u-pm');
		expect(xml).not.toContain('刘明');
	});

	it('a named version gives the text as it was, marked as not the final minutes', async () => {
		const res = await get(server, path('docx', `?version=${earlyVersion}`), cookie.secretary);
		expect(res.status).toBe(200);
		const xml = await documentXml(res);
		expect(xml).toContain('命名版本「会前草稿」');
		expect(xml).not.toContain('楼道堆物清理');
		expect(res.headers.get('content-disposition')).toContain(
			encodeURIComponent('供暖季联合办公会-会前草稿.docx')
		);
	});

	it('an unknown revision or version, or another agenda’s version, is 404', async () => {
		const other = await server.services.agendaVersions.save(
			'u-secretary',
			server.agendaId,
			'别的议程'
		);
		for (const q of [
			'?revision=9',
			'?revision=abc',
			'?version=999999',
			`?version=${other}`,
			'?version=-1'
		])
			expect((await get(server, path('docx', q), cookie.secretary)).status, q).toBe(404);
	});
});

describe('the minutes as a PDF', () => {
	it('is a PDF with an embedded Chinese font whose text holds the decisions', async () => {
		// Signed by the residents' committee while in session: the signature is in the minutes.
		const { meetings } = server.services;
		await meetings.move('u-secretary', meetingId, 'published');
		await meetings.move('u-secretary', meetingId, 'in_session');
		await meetings.sign('u-rc', meetingId, 'residents_committee');
		const res = await get(server, path('pdf'), cookie['rc-member']);
		expect(res.status).toBe(200);
		expect(res.headers.get('content-type')).toBe('application/pdf');
		const bytes = new Uint8Array(await res.arrayBuffer());
		const raw = Buffer.from(bytes).toString('latin1');
		expect(raw.startsWith('%PDF-')).toBe(true);
		expect(raw).toMatch(/\/FontFile[23]? \d+ 0 R/);
		expect(raw).toMatch(/\/BaseFont \/[A-Z]{6}\+\w+/);
		const text = pdfText(bytes);
		for (const part of [
			'多委联合办公会会议纪要',
			'楼道堆物清理',
			'决定：同意',
			'负责人：赵磊',
			'完成时限：2026年12月31日',
			'决定：暂缓',
			'负责人：居委会',
			'居委会：李秀英',
			'业委会：未签署'
		]) {
			expect(text, part).toContain(part);
		}
		expect(text).not.toContain('刘明');
	});

	it('without a Chinese font is a 503 in Chinese, never a PDF of empty boxes', async () => {
		process.env[PDF_FONT_ENV] = '/nonexistent/NoFont.ttc#NoFont';
		try {
			const res = await get(server, path('pdf'), cookie.secretary);
			expect(res.status).toBe(503);
			expect(await res.text()).toContain('中文字体');
		} finally {
			delete process.env[PDF_FONT_ENV];
		}
	});
});

describe('who may export', () => {
	it('a resident cannot export a draft (404, as an unknown meeting) but can once published', async () => {
		const { meetings } = server.services;
		const draft = await meetings.create('u-secretary', 'c-a', {
			title: '草稿会议',
			date: '2026-12-20',
			time: '09:00',
			place: '活动室',
			committees: ['owners_committee'],
			otherParties: ''
		});
		const at = (f: string) => `/m/${draft}/minutes.${f}`;
		expect((await get(server, at('pdf'), cookie.resident)).status).toBe(404);
		expect((await get(server, at('docx'), cookie.resident)).status).toBe(404);
		expect((await get(server, at('pdf'), cookie['rc-member'])).status).toBe(200);
		await meetings.move('u-secretary', draft, 'published');
		expect((await get(server, at('pdf'), cookie.resident)).status).toBe(200);
	});

	it('an outsider gets the 404 an unknown meeting gets; no session goes to login', async () => {
		const outsider = await get(server, path('pdf'), cookie.outsider);
		const unknown = await get(
			server,
			'/m/mt-00000000-0000-4000-8000-000000000000/minutes.pdf',
			cookie.outsider
		);
		expect([outsider.status, unknown.status]).toEqual([404, 404]);
		expect(await outsider.text()).toBe(await unknown.text());
		const anon = await get(server, path('docx'));
		expect(anon.status).toBe(303);
		expect(anon.headers.get('location')).toMatch(/^\/login\?redirectTo=/);
	});

	it('every export is in the audit log with its format and revision; refused ones are not', async () => {
		const before = (await server.services.stores.audit.recent(500)).filter(
			(e) => e.action === 'export' && e.target === `meeting:${meetingId}`
		);
		expect((await get(server, path('pdf'), cookie.resident)).status).toBe(200);
		expect((await get(server, path('pdf'), cookie.outsider)).status).toBe(404);
		const after = (await server.services.stores.audit.recent(500)).filter(
			(e) => e.action === 'export' && e.target === `meeting:${meetingId}`
		);
		expect(after.length).toBe(before.length + 1);
		expect(after[0]).toMatchObject({
			userId: 'u-resident',
			scope: 'c-a',
			detail: { format: 'pdf', sheet: 'minutes', revision: 1 }
		});
		// The earlier downloads of this file were recorded too, by their users.
		const earlier = before.map((e) => [e.userId, (e.detail as { format: string }).format]);
		expect(earlier).toEqual(
			expect.arrayContaining([
				['u-rc', 'docx'],
				['u-rc', 'pdf'],
				['u-secretary', 'docx']
			])
		);
	});
});
