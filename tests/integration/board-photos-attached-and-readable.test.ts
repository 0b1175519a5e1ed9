import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { applyServerChange } from '../../server/automerge/serverChange';
import type { Board } from '../../src/lib/domain/board';
import { get } from '../helpers/http';
import { startTestServer, type TestServer } from '../helpers/server';
import { JPEG_16X8 } from '../unit/fixtures/photos';

/**
 * Issue 5: progress photos of a board. A writer uploads (`POST /api/files?board=`), then
 * attaches (`POST /api/boards/<id>/files`); the attachment row, never the document, decides who
 * may fetch `/files/<id>`: the board's readers, and anyone once the project is published.
 * Needs `npm run build` first.
 */
let server: TestServer;
const cookies: Record<string, string> = {};
/** The lift (stage delivery: published) and the parking topic (stage topic: not published). */
let published: string;
let unpublished: string;

beforeAll(async () => {
	server = await startTestServer({ withApp: true });
	for (const u of ['secretary', 'rc-member', 'resident', 'outsider']) {
		cookies[u] = await server.cookieFor(u);
	}
	published = server.boardId;
	const docs = await server.services.stores.documents.inCommunities(['c-a']);
	unpublished = docs.find((d) => d.title === '东门停车秩序整治')!.id;
	expect((await server.services.stores.projects.get(published))!.stage).toBe('delivery');
	expect((await server.services.stores.projects.get(unpublished))!.stage).toBe('topic');
});
afterAll(async () => {
	await server?.close();
});

function post(path: string, user: string | null, body: Uint8Array | object) {
	const raw = body instanceof Uint8Array;
	return fetch(server.url + path, {
		method: 'POST',
		headers: {
			origin: server.url,
			'content-type': raw ? 'image/jpeg' : 'application/json',
			...(user ? { cookie: cookies[user]! } : {})
		},
		body: raw ? (body as unknown as BodyInit) : JSON.stringify(body)
	});
}

async function upload(user: string, boardId: string, bytes: Uint8Array = JPEG_16X8) {
	const res = await post(`/api/files?board=${boardId}`, user, bytes);
	expect(res.status, await res.clone().text()).toBe(200);
	return ((await res.json()) as { id: string }).id;
}

const attach = (user: string | null, boardId: string, fileId: unknown) =>
	post(`/api/boards/${boardId}/files`, user, { fileId });

/** Status of `/files/<id>` for a user, or with no session. */
const fetchStatus = async (fileId: string, user: string | null) =>
	(await get(server, `/files/${fileId}`, user ? cookies[user] : undefined)).status;

const ascii = (s: string) => Buffer.from(s, 'latin1');
function segment(marker: number, payload: Buffer) {
	const head = Buffer.alloc(4);
	head.writeUInt16BE(0xff00 | marker, 0);
	head.writeUInt16BE(payload.length + 2, 2);
	return Buffer.concat([head, payload]);
}
/** The fixture photo with an Exif block carrying a GPS tag, and XMP naming the place. */
function photoWithGps() {
	const exif = Buffer.alloc(64);
	exif.write('II', 0, 'latin1');
	exif.writeUInt16LE(42, 2);
	exif.writeUInt32LE(8, 4);
	exif.writeUInt16LE(1, 8);
	exif.writeUInt16LE(0x8825, 10); // GPS IFD pointer
	exif.writeUInt16LE(4, 12);
	exif.writeUInt32LE(1, 14);
	exif.writeUInt32LE(26, 18);
	exif.writeUInt32LE(0, 22);
	const app0 = JPEG_16X8.readUInt16BE(4) + 4;
	return Buffer.concat([
		JPEG_16X8.subarray(0, app0),
		segment(0xe1, Buffer.concat([ascii('Exif\0\0'), exif])),
		segment(0xe1, ascii('http://ns.adobe.com/xap/1.0/\0<exif:GPSLatitude>39,54.45N</x>')),
		JPEG_16X8.subarray(app0)
	]);
}

describe('attaching a photo to a board', () => {
	it("a writer's attached photo reaches the board's readers with its location data gone", async () => {
		const input = photoWithGps();
		expect(input.includes(ascii('GPSLatitude'))).toBe(true);
		const fileId = await upload('rc-member', unpublished, input);
		// Uploaded but not attached: nobody, not even the uploader, can fetch it.
		expect(await fetchStatus(fileId, 'rc-member')).toBe(404);
		expect(await fetchStatus(fileId, 'resident')).toBe(404);

		const res = await attach('rc-member', unpublished, fileId);
		expect(res.status).toBe(200);
		expect(await res.json()).toMatchObject({ fileId });
		const back = await get(server, `/files/${fileId}`, cookies.resident);
		expect(back.status).toBe(200);
		expect(back.headers.get('content-type')).toBe('image/jpeg');
		expect(back.headers.get('x-content-type-options')).toBe('nosniff');
		const bytes = Buffer.from(await back.arrayBuffer());
		expect(bytes.subarray(0, 2)).toEqual(Buffer.from([0xff, 0xd8]));
		for (const gone of ['GPSLatitude', 'Exif\0\0']) expect(bytes.includes(ascii(gone))).toBe(false);
		const rows = await server.services.stores.boardFiles.ofBoard(unpublished);
		expect(rows.find((r) => r.fileId === fileId)).toMatchObject({ userId: 'u-rc' });

		// A retried attach is the same attachment.
		const again = await attach('rc-member', unpublished, fileId);
		expect([again.status, ((await again.json()) as { at: number }).at]).toEqual([
			200,
			rows.find((r) => r.fileId === fileId)!.at
		]);
	});

	it('a reader can neither upload to a board nor attach a file, not even their own', async () => {
		const up = await post(`/api/files?board=${unpublished}`, 'resident', JPEG_16X8);
		expect([up.status, await up.json()]).toEqual([403, { error: 'forbidden' }]);
		// The resident's own demand photo: attaching it would make it the board's (and public).
		const { demands } = server.services;
		const demand = await demands.file('u-resident', {
			id: randomUUID(),
			gridId: 'c-a-g1',
			category: 'repair',
			description: '楼道灯坏了'
		});
		const own = await demands.photos.add('u-resident', demand.id, 'filed', JPEG_16X8);
		const res = await attach('resident', published, own.id);
		expect([res.status, await res.json()]).toEqual([403, { error: 'forbidden' }]);
		expect(await server.services.stores.boardFiles.boardsOf(own.id)).toEqual([]);
		expect(await fetchStatus(own.id, null)).toBe(404);
	});

	it("a writer cannot attach someone else's file: 404, as for a file that does not exist", async () => {
		const theirs = await upload('rc-member', published);
		const res = await attach('secretary', published, theirs);
		const none = await attach('secretary', published, randomUUID());
		expect([res.status, none.status]).toEqual([404, 404]);
		expect(await res.text()).toBe(await none.text());
		expect(await server.services.stores.boardFiles.boardsOf(theirs)).toEqual([]);
		expect(await fetchStatus(theirs, null)).toBe(404);
	});

	it('a file id written into the board without an attachment opens nothing', async () => {
		const fileId = await upload('secretary', published);
		await applyServerChange<Board>(
			server.services,
			published,
			(d) => {
				d.progress['p-sneaky'] = {
					id: 'p-sneaky',
					date: '2026-11-20',
					text: '照片',
					photoIds: [fileId],
					createdAt: 1
				};
			},
			'u-secretary'
		);
		for (const user of [null, 'outsider', 'resident', 'secretary']) {
			expect(await fetchStatus(fileId, user), String(user)).toBe(404);
		}
	});

	it('bad requests are refused with a clear code and nothing attached', async () => {
		const text = await post(`/api/files?board=${published}`, 'secretary', ascii('<html>'));
		expect([text.status, await text.json()]).toEqual([400, { error: 'not_an_image' }]);
		for (const bad of [undefined, 42, 'x'.repeat(100)]) {
			const res = await attach('secretary', published, bad);
			expect(res.status, String(bad)).toBe(400);
		}
		const notJson = await fetch(`${server.url}/api/boards/${published}/files`, {
			method: 'POST',
			headers: { origin: server.url, cookie: cookies.secretary!, 'content-type': 'text/plain' },
			body: 'fileId'
		});
		expect(notJson.status).toBe(400);
	});

	it('an outsider gets 404 on upload and attach, exactly as for a board that does not exist', async () => {
		const fileId = await upload('secretary', published);
		const missing = 'NotARealBoard1234567';
		const up = await post(`/api/files?board=${published}`, 'outsider', JPEG_16X8);
		const upMissing = await post(`/api/files?board=${missing}`, 'outsider', JPEG_16X8);
		expect([up.status, upMissing.status]).toEqual([404, 404]);
		expect(await up.text()).toBe(await upMissing.text());
		const at = await attach('outsider', published, fileId);
		const atMissing = await attach('outsider', missing, fileId);
		expect([at.status, atMissing.status]).toEqual([404, 404]);
		expect(await at.text()).toBe(await atMissing.text());
		expect((await attach(null, published, fileId)).status).toBe(401);
	});
});

describe('who may fetch an attached photo', () => {
	it('an outsider, logged in or not, cannot read a photo of an unpublished board', async () => {
		const fileId = await upload('secretary', unpublished);
		expect((await attach('secretary', unpublished, fileId)).status).toBe(200);
		expect(await fetchStatus(fileId, 'resident')).toBe(200);
		const hidden = await get(server, `/files/${fileId}`, cookies.outsider);
		const unknown = await get(server, `/files/${randomUUID()}`, cookies.outsider);
		expect([hidden.status, unknown.status]).toEqual([404, 404]);
		expect(await hidden.text()).toBe(await unknown.text());
		expect(await fetchStatus(fileId, null)).toBe(404);
	});

	it('anyone, with no session at all, can read a photo of a published board', async () => {
		const fileId = await upload('secretary', published);
		expect(await fetchStatus(fileId, null)).toBe(404);
		expect((await attach('secretary', published, fileId)).status).toBe(200);
		expect(await fetchStatus(fileId, null)).toBe(200);
		expect(await fetchStatus(fileId, 'outsider')).toBe(200);
	});

	it('a project moved back to its topic takes its photos off the public web again', async () => {
		const { projects } = server.services;
		const boardId = await projects.create('u-secretary', { communityId: 'c-a', title: '测试项目' });
		const fileId = await upload('secretary', boardId);
		expect((await attach('secretary', boardId, fileId)).status).toBe(200);
		expect(await fetchStatus(fileId, null)).toBe(404);
		await applyServerChange<Board>(
			server.services,
			boardId,
			(d) => {
				d.pledge.goal = '目标';
				d.pledge.measures = '措施';
				d.pledge.responsible.push('王建华');
				d.pledge.deadline = '2027-01-31';
			},
			'u-secretary'
		);
		await projects.move('u-secretary', boardId, 'pledge');
		expect(await fetchStatus(fileId, null)).toBe(200);
		await projects.move('u-secretary', boardId, 'topic', '措施要重写');
		expect(await fetchStatus(fileId, null)).toBe(404);
		expect(await fetchStatus(fileId, 'resident')).toBe(200);
	});
});
