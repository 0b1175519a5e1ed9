import { existsSync } from 'node:fs';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Board } from '../../src/lib/domain/board';
import { applyServerChange } from '../../server/automerge/serverChange';
import { DEMO_BOARD } from '../../server/demo/demoDistrict';
import { SheetWorker } from '../../server/files/sheets/SheetWorker';
import { PublicProjects } from '../../server/projects/PublicProjects';
import { findPdfFont, PDF_FONT_ENV } from '../../server/projects/pdfFont';
import { pledgeSheet } from '../../server/projects/pledgeSheet';
import { get } from '../helpers/http';
import { pdfStreams, pdfText } from '../helpers/pdfText';
import { startTestServer, type TestServer } from '../helpers/server';

/**
 * Issue 5, the printable pledge sheet: a PDF with an embedded (subset) Chinese font whose text
 * is the published pledge, public like the project's page; without a Chinese font, a 503 with
 * a Chinese explanation rather than a sheet of empty boxes.
 */
let server: TestServer;
let topicId: string;
beforeAll(async () => {
	server = await startTestServer({ withApp: true });
	const docs = await server.services.stores.documents.inCommunities(['c-a']);
	topicId = docs.find((d) => d.title === '东门停车秩序整治')!.id;
});
afterAll(async () => {
	await server?.close();
});
afterEach(() => {
	delete process.env[PDF_FONT_ENV];
});

const sheetPath = () => `/p/${server.boardId}/pledge.pdf`;

async function fetchPdf(path: string) {
	const res = await get(server, path);
	return { res, bytes: new Uint8Array(await res.arrayBuffer()) };
}

describe('the pledge sheet of a published project', () => {
	it('is a PDF, with no session, that embeds a subset Chinese font', async () => {
		const { res, bytes } = await fetchPdf(sheetPath());
		expect(res.status).toBe(200);
		expect(res.headers.get('content-type')).toBe('application/pdf');
		const raw = Buffer.from(bytes).toString('latin1');
		expect(raw.startsWith('%PDF-')).toBe(true);
		expect(raw).toMatch(/\/FontFile[23]? \d+ 0 R/);
		expect(raw).toMatch(/\/CIDFontType[02]/);
		// A subset: the font is named with a six-letter tag, and the file is a small fraction of
		// the 19 MB collection it came from.
		expect(raw).toMatch(/\/BaseFont \/[A-Z]{6}\+NotoSansCJKsc-Regular/);
		expect(bytes.byteLength).toBeLessThan(400_000);
		expect(pdfStreams(bytes).some((s) => s.data.includes('begincmap'))).toBe(true);
	});

	it('reads as the published pledge, with the revision and the page address', async () => {
		const { bytes } = await fetchPdf(sheetPath());
		const text = pdfText(bytes);
		const p = DEMO_BOARD.pledge;
		for (const part of [
			'书记项目公开承诺书',
			DEMO_BOARD.title,
			'丽泽园社区',
			p.goal,
			p.measures,
			p.responsible[0],
			'2027年3月31日',
			p.budget,
			p.fundingSources.join('、'),
			'第 1 版',
			`${server.url}/p/${server.boardId}`
		]) {
			expect(text, part).toContain(part);
		}
		// The decoding is real: text never drawn is not found.
		expect(text).not.toContain('东门停车秩序整治');
	});

	it('answers 404 for an unpublished project and an unknown id', async () => {
		expect((await get(server, `/p/${topicId}/pledge.pdf`)).status).toBe(404);
		expect((await get(server, '/p/not-a-board-id/pledge.pdf')).status).toBe(404);
	});
});

describe('without a Chinese font', () => {
	it('answers 503 in Chinese when the named font does not exist', async () => {
		process.env[PDF_FONT_ENV] = '/nonexistent/NoFont.ttc#NoFont';
		const res = await get(server, sheetPath());
		expect(res.status).toBe(503);
		expect(res.headers.get('content-type')).toContain('text/plain');
		expect(await res.text()).toContain('中文字体');
	});

	const latin = '/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf';
	it.skipIf(!existsSync(latin))('answers 503 when the font has no Chinese glyphs', async () => {
		process.env[PDF_FONT_ENV] = latin;
		const res = await get(server, sheetPath());
		expect(res.status).toBe(503);
		expect(await res.text()).toContain('中文字体');
	});
});

describe('how long a sheet takes', () => {
	it('is made off the event loop: timers keep firing while a long pledge is set', async () => {
		const view = (await server.services.publicProjects.view(server.boardId))!;
		const long = {
			...view,
			pledge: {
				...view.pledge,
				measures: '召开业主协商会，物业组织招标，居委会每周公示进度。'.repeat(120)
			}
		};
		// The same work on this thread, for the report: what the event loop would have stalled.
		const font = findPdfFont()!;
		const here = performance.now();
		const inline = await pledgeSheet(long, 'http://127.0.0.1/p/x', font);
		const inlineMs = performance.now() - here;

		let last = performance.now();
		let worst = 0;
		const tick = setInterval(() => {
			const now = performance.now();
			worst = Math.max(worst, now - last);
			last = now;
		}, 5);
		const started = performance.now();
		const r = await server.services.publicProjects.sheet(server.boardId, 'http://127.0.0.1/p/x');
		const total = performance.now() - started;
		clearInterval(tick);
		if (!r?.ok) throw new Error('no sheet');
		console.log(
			`pledge sheet: inline ${inlineMs.toFixed(0)} ms (${inline.byteLength} bytes, long pledge); ` +
				`worker ${total.toFixed(0)} ms (${r.pdf.byteLength} bytes), longest timer gap ${worst.toFixed(0)} ms`
		);
		expect(worst).toBeLessThan(total / 2);
	});
});

describe('a crowd asking for the same sheet', () => {
	it('is answered from one render, and a changed board is rendered afresh', async () => {
		const sheets = server.services.publicProjects;
		const before = sheets.sheetsRendered;
		// More at once than the sheet worker queues (16 behind the running job): before renders
		// were shared, some of these got 500 and staff imports meanwhile got "busy".
		const crowd = await Promise.all(Array.from({ length: 24 }, () => fetchPdf(sheetPath())));
		expect(crowd.map((a) => a.res.status)).toEqual(crowd.map(() => 200));
		const first = Buffer.from(crowd[0]!.bytes);
		expect(crowd.every((a) => Buffer.from(a.bytes).equals(first))).toBe(true);
		expect(sheets.sheetsRendered - before).toBeLessThanOrEqual(1);

		const rendered = sheets.sheetsRendered;
		expect((await fetchPdf(sheetPath())).res.status).toBe(200);
		expect(sheets.sheetsRendered).toBe(rendered);

		// What the public sees changed (a progress entry): the next request renders again.
		await applyServerChange<Board>(
			server.services,
			server.boardId,
			(d) => {
				d.progress['p-crowd'] = {
					id: 'p-crowd',
					date: '2026-12-20',
					text: '第二批声控灯已安装',
					photoIds: [],
					createdAt: 3
				};
			},
			'u-secretary'
		);
		expect((await fetchPdf(sheetPath())).res.status).toBe(200);
		expect(sheets.sheetsRendered).toBe(rendered + 1);
	});
});

describe('when the sheet worker is full', () => {
	it('says so in Chinese and asks to try again in seconds, instead of failing', async () => {
		// A real worker that queues one job behind the running one, both taken by long pledges.
		const worker = new SheetWorker({ maxQueued: 1 });
		try {
			const { services } = server;
			const view = (await services.publicProjects.view(server.boardId))!;
			const long = {
				...view,
				pledge: { ...view.pledge, measures: '每周公示进度。'.repeat(600) }
			};
			const font = findPdfFont()!;
			const taken = [1, 2].map(() => worker.pledgeSheet(long, 'http://127.0.0.1/p/x', font));
			const busy = new PublicProjects({
				stores: services.stores,
				automerge: services.automerge,
				evaluation: services.evaluation,
				sheets: worker,
				now: () => Date.now()
			});
			const answer = await busy.sheet(server.boardId, `${server.url}/p/${server.boardId}`);
			expect(answer).toMatchObject({ ok: false, reason: 'busy' });
			expect(answer && !answer.ok && answer.message).toContain('请几秒后再试');
			await Promise.all(taken);
		} finally {
			await worker.close();
		}
	});
});
