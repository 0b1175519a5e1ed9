import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_USERS } from '../../server/demo/demoDistrict';
import { get } from '../helpers/http';
import { startTestServer, type TestServer } from '../helpers/server';
import { JPEG_16X8 } from '../unit/fixtures/photos';

/** Milliseconds of a Beijing wall-clock time. */
const bj = (local: string) => Date.parse(`${local}:00+08:00`);

let server: TestServer;
let clock = bj('2026-11-02T10:00');
const cookies: Record<string, string> = {};
const RESIDENT_NAME = DEMO_USERS.find((u) => u.username === 'resident')!.displayName;

beforeAll(async () => {
	server = await startTestServer({ withApp: true, config: { now: () => clock } });
	// A second resident of community A, to look at the first one's demands.
	const { stores } = server.services;
	await stores.users.create({
		id: 'u-neighbour',
		username: 'neighbour',
		displayName: '邻居',
		passwordHash: 'x'
	});
	await stores.org.addMembership({ userId: 'u-neighbour', unitId: 'c-a', role: 'resident' });
	for (const u of [
		'resident',
		'outsider',
		'grid-leader',
		'party-member',
		'pm-staff',
		'secretary',
		'volunteer'
	]) {
		cookies[u] = await server.cookieFor(u);
	}
	const { token } = await server.services.sessions.create('u-neighbour');
	cookies.neighbour = `gz_session=${token}`;
});
afterAll(async () => {
	await server?.close();
});

function send(path: string, user: string, body: unknown, contentType = 'application/json') {
	return fetch(server.url + path, {
		method: 'POST',
		headers: { cookie: cookies[user]!, origin: server.url, 'content-type': contentType },
		body: contentType === 'application/json' ? JSON.stringify(body) : (body as BodyInit)
	});
}

async function file(user: string, over: Record<string, unknown> = {}) {
	const body = {
		id: randomUUID(),
		gridId: 'c-a-g1',
		buildingId: 'c-a-g1-b1',
		category: 'repair',
		description: '3号楼楼道灯坏了',
		...over
	};
	const res = await send('/api/demands', user, body);
	expect(res.status, await res.clone().text()).toBe(200);
	return ((await res.json()) as { demand: { id: string } }).demand.id;
}

const act = (user: string, id: string, body: Record<string, unknown>) =>
	send(`/api/demands/${id}`, user, body);

describe('who sees a demand', () => {
	it('a private demand is 404 for another resident and another community, exactly like an unknown id', async () => {
		const id = await file('resident');
		const outsiders = await file('outsider', { gridId: 'c-b-g1', buildingId: 'c-b-g1-b1' });
		const unknown = await get(server, `/api/demands/${randomUUID()}`, cookies.neighbour);
		const unknownBody = await unknown.text();
		for (const [user, demand] of [
			['neighbour', id],
			['outsider', id],
			['resident', outsiders]
		] as const) {
			const res = await get(server, `/api/demands/${demand}`, cookies[user]);
			expect([res.status, await res.text()]).toEqual([404, unknownBody]);
			const page = await get(server, `/d/${demand}`, cookies[user]);
			expect(page.status).toBe(404);
		}
		expect((await get(server, `/api/demands/${id}`, cookies.resident)).status).toBe(200);
		const lists = await get(server, '/api/demands?community=c-a', cookies.neighbour);
		expect(await lists.text()).not.toContain(id);
	});

	it('the party a complaint is about never learns who filed it, in the JSON or the page', async () => {
		const id = await file('resident', { about: 'property_company', description: '物业不修电梯' });
		const res = await get(server, `/api/demands/${id}`, cookies['pm-staff']);
		expect(res.status).toBe(200);
		const text = await res.text();
		const body = JSON.parse(text) as { view: string; demand: { residentId: unknown } };
		expect(body.view).toBe('anonymous');
		expect(body.demand.residentId).toBeNull();
		const page = await (await get(server, `/d/${id}`, cookies['pm-staff'])).text();
		expect(page).toContain('物业不修电梯');
		for (const leak of ['u-resident', RESIDENT_NAME]) {
			expect(text).not.toContain(leak);
			expect(page).not.toContain(leak);
		}
		// Even once it is dispatched and worked on, the steps the filer took stay anonymous.
		await act('grid-leader', id, { action: 'dispatch', to: 'u-party' });
		const later = await (await get(server, `/api/demands/${id}`, cookies['pm-staff'])).text();
		expect(later).not.toContain('u-resident');
		expect(later).not.toContain(RESIDENT_NAME);
	});
});

describe('the flow over HTTP', () => {
	it('only the assigned taker can resolve', async () => {
		const id = await file('resident');
		expect((await act('grid-leader', id, { action: 'dispatch', to: 'u-party' })).status).toBe(200);
		expect((await act('party-member', id, { action: 'take' })).status).toBe(200);
		const byLeader = await act('grid-leader', id, { action: 'resolve', text: '修好了' });
		expect([byLeader.status, await byLeader.json()]).toEqual([403, { error: 'forbidden' }]);
		expect((await act('volunteer', id, { action: 'resolve', text: '修好了' })).status).toBe(404);
		const res = await act('party-member', id, { action: 'resolve', text: '换了灯泡' });
		expect(res.status).toBe(200);
		const rated = await act('resident', id, { action: 'confirm', rating: 'satisfied' });
		expect(((await rated.json()) as { demand: { state: string } }).demand.state).toBe('closed');
	});

	it('an offline demand retried three times is stored once', async () => {
		const body = {
			id: randomUUID(),
			gridId: 'c-a-g1',
			category: 'environment',
			description: '垃圾没清'
		};
		const answers = [];
		for (let i = 0; i < 3; i++) {
			clock += 1000;
			const res = await send('/api/demands', 'resident', body);
			answers.push([
				res.status,
				((await res.json()) as { demand: { filedAt: number } }).demand.filedAt
			]);
		}
		expect(new Set(answers.map((a) => JSON.stringify(a))).size).toBe(1);
		const { stores } = server.services;
		expect(await stores.demands.get(body.id)).not.toBeNull();
		const events = await stores.demands.events(body.id);
		expect(events.filter((e) => e.kind === 'filed')).toHaveLength(1);
		const changed = await send('/api/demands', 'resident', { ...body, description: '别的' });
		expect([changed.status, await changed.json()]).toEqual([409, { error: 'id_taken' }]);
	});

	it('escalation fires over the real server when its time passes, skipping National Day', async () => {
		clock = bj('2026-09-30T15:00');
		const id = await file('resident');
		clock = bj('2026-10-07T23:00');
		expect(await server.services.demands.sweep()).toBe(0);
		clock = bj('2026-10-08T15:00');
		expect(await server.services.demands.sweep()).toBeGreaterThanOrEqual(1);
		const res = await get(server, `/api/demands/${id}`, cookies.resident);
		const body = (await res.json()) as { demand: { level: string }; events: { kind: string }[] };
		expect(body.demand.level).toBe('community');
		expect(body.events.at(-1)?.kind).toBe('escalated');
		const queue = (await (
			await get(server, '/api/demands?community=c-a', cookies.secretary)
		).json()) as {
			queue: { id: string }[];
		};
		expect(queue.queue.map((d) => d.id)).toContain(id);
		const page = await (await get(server, `/d/${id}`, cookies.resident)).text();
		expect(page).toContain('已升级到社区');
		clock = bj('2026-11-02T10:00');
	});
});

// ---- photos -----------------------------------------------------------------------------------

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

describe('photos', () => {
	it("a photo's GPS is gone when fetched back; it is served only to who may see the demand", async () => {
		const id = await file('resident');
		const input = photoWithGps();
		expect(input.includes(ascii('GPSLatitude'))).toBe(true);
		const up = await send(`/api/files?demand=${id}&stage=filed`, 'resident', input, 'image/jpeg');
		expect(up.status, await up.clone().text()).toBe(200);
		const { id: fileId } = (await up.json()) as { id: string };
		const res = await get(server, `/files/${fileId}`, cookies.resident);
		expect(res.status).toBe(200);
		expect(res.headers.get('content-type')).toBe('image/jpeg');
		expect(res.headers.get('x-content-type-options')).toBe('nosniff');
		expect(res.headers.get('content-disposition')).toBe('inline');
		expect(res.headers.get('content-security-policy')).toContain("default-src 'none'");
		const back = Buffer.from(await res.arrayBuffer());
		expect(back.subarray(0, 2)).toEqual(Buffer.from([0xff, 0xd8]));
		for (const gone of ['GPSLatitude', 'Exif\0\0']) expect(back.includes(ascii(gone))).toBe(false);
		// The same picture again (an outbox retry) is the same file.
		const again = await send(
			`/api/files?demand=${id}&stage=filed`,
			'resident',
			input,
			'image/jpeg'
		);
		expect(((await again.json()) as { id: string }).id).toBe(fileId);
		for (const u of ['outsider', 'neighbour']) {
			expect((await get(server, `/files/${fileId}`, cookies[u])).status).toBe(404);
		}
		expect((await get(server, `/files/${randomUUID()}`, cookies.resident)).status).toBe(404);
	});

	it('a non-image is refused with 400 not_an_image, an oversized body with 413', async () => {
		const id = await file('resident');
		const html = await send(
			`/api/files?demand=${id}`,
			'resident',
			'<script>alert(1)</script>',
			'image/jpeg'
		);
		expect([html.status, await html.json()]).toEqual([400, { error: 'not_an_image' }]);
		const big = Buffer.alloc(9 * 1024 * 1024, 1);
		const tooBig = await send(`/api/files?demand=${id}`, 'resident', big, 'image/jpeg');
		expect(tooBig.status).toBe(413);
		const form = new FormData();
		form.append('file', new Blob([JPEG_16X8], { type: 'image/jpeg' }), 'a.jpg');
		const multipart = await fetch(`${server.url}/api/files?demand=${id}`, {
			method: 'POST',
			headers: { cookie: cookies.resident!, origin: server.url },
			body: form
		});
		expect(multipart.status).toBe(200);
		const other = await send(`/api/files?demand=${id}`, 'neighbour', JPEG_16X8, 'image/jpeg');
		expect(other.status).toBe(404);
	});
});
