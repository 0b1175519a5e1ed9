import { randomUUID } from 'node:crypto';
import * as Y from 'yjs';
import { AGENDA_FRAGMENT } from '../../src/lib/domain/agenda';
import { AGENDA_ITEM, AGENDA_NOTES, AGENDA_TOPIC } from '../../src/lib/domain/agendaItems';
import type { CommentFeedEvent } from '../../src/lib/domain/comments';
import type { TestServer } from './server';
import { openAgenda, waitForAck } from './yjsClient';

/** A meeting of community A, moved to `published` (comments are open), with its agenda id. */
export async function publishedMeeting(server: TestServer, title = '评论测试会') {
	const { meetings, stores } = server.services;
	const meetingId = await meetings.create('u-secretary', 'c-a', {
		title,
		date: '2026-12-10',
		time: '09:30',
		place: '党群服务中心',
		committees: ['residents_committee', 'owners_committee', 'property_company'],
		otherParties: ''
	});
	await meetings.move('u-secretary', meetingId, 'published');
	const { agendaId } = (await stores.meetings.get(meetingId))!;
	return { meetingId, agendaId };
}

/**
 * Agenda items written into the agenda as the items contract describes them (an `agendaItem`
 * element with an `id`, a topic and notes), by the secretary's stock Yjs client; returns their ids.
 */
export async function seedItems(server: TestServer, agendaId: string, topics: string[]) {
	const client = await openAgenda(server, 'secretary', { docId: agendaId });
	const fragment = client.doc.getXmlFragment(AGENDA_FRAGMENT);
	const ids = topics.map(() => randomUUID());
	client.doc.transact(() => {
		topics.forEach((topic, i) => {
			const item = new Y.XmlElement(AGENDA_ITEM);
			item.setAttribute('id', ids[i]!);
			const head = new Y.XmlElement(AGENDA_TOPIC);
			head.insert(0, [new Y.XmlText(topic)]);
			const notes = new Y.XmlElement(AGENDA_NOTES);
			const p = new Y.XmlElement('paragraph');
			p.insert(0, [new Y.XmlText('讨论记录')]);
			notes.insert(0, [p]);
			item.insert(0, [head, notes]);
			fragment.push([item]);
		});
	});
	await waitForAck(client, 1);
	client.destroy();
	return ids;
}

/** A passage of `text` (its first `length` characters) as the page makes one: base64 positions. */
function passage(text: Y.XmlText, length: number) {
	const rel = (i: number) =>
		Buffer.from(Y.encodeRelativePosition(Y.createRelativePositionFromTypeIndex(text, i))).toString(
			'base64'
		);
	return {
		anchor: { start: rel(0), end: rel(length) },
		quote: String(text.toString()).slice(0, length)
	};
}

async function serverCopy(server: TestServer, agendaId: string) {
	const { updates } = await server.services.stores.yjs.load(agendaId);
	const doc = new Y.Doc();
	for (const u of updates) Y.applyUpdate(doc, u);
	return doc;
}

/** The first two characters of an item's topic, as a comment anchor with its quote. */
export async function topicAnchor(server: TestServer, agendaId: string, itemId: string) {
	const doc = await serverCopy(server, agendaId);
	const item = doc
		.getXmlFragment(AGENDA_FRAGMENT)
		.toArray()
		.find((n) => n instanceof Y.XmlElement && n.getAttribute('id') === itemId) as Y.XmlElement;
	const found = passage((item.get(0) as Y.XmlElement).get(0) as Y.XmlText, 2);
	doc.destroy();
	return found;
}

/** The first `length` characters of the agenda's `index`-th paragraph, as a comment anchor. */
export async function paragraphAnchor(
	server: TestServer,
	agendaId: string,
	index: number,
	length: number
) {
	const doc = await serverCopy(server, agendaId);
	const p = doc
		.getXmlFragment(AGENDA_FRAGMENT)
		.toArray()
		.filter((n): n is Y.XmlElement => n instanceof Y.XmlElement && n.nodeName === 'paragraph')[
		index
	]!;
	const found = passage(p.get(0) as Y.XmlText, length);
	doc.destroy();
	return found;
}

/** A same-origin JSON request as the page's scripts send it. */
export function api(
	server: TestServer,
	path: string,
	cookie: string | undefined,
	body?: unknown
): Promise<Response> {
	return fetch(server.url + path, {
		method: body === undefined ? 'GET' : 'POST',
		headers: {
			...(body === undefined ? {} : { 'content-type': 'application/json', origin: server.url }),
			...(cookie ? { cookie } : {})
		},
		body: body === undefined ? undefined : JSON.stringify(body)
	});
}

export interface OpenStream {
	events: { type: CommentFeedEvent['type']; data: unknown; at: number }[];
	/** Resolves with the first event (already received or to come) that `match` accepts. */
	next(
		match: (e: { type: string; data: unknown }) => boolean,
		timeoutMs?: number
	): Promise<{
		type: string;
		data: unknown;
		at: number;
	}>;
	close(): void;
}

/** The comment stream as a browser's EventSource reads it, parsed event by event. */
export async function openStream(
	server: TestServer,
	cookie: string,
	meetingId: string
): Promise<OpenStream> {
	const abort = new AbortController();
	const res = await fetch(`${server.url}/api/meetings/${meetingId}/comments/stream`, {
		headers: { cookie, accept: 'text/event-stream' },
		signal: abort.signal
	});
	if (res.status !== 200 || !res.body) throw new Error(`stream answered ${res.status}`);
	const events: OpenStream['events'] = [];
	const waiters = new Set<() => void>();
	const reader = res.body.pipeThrough(new TextDecoderStream()).getReader();
	void (async () => {
		let buffer = '';
		try {
			for (;;) {
				const { done, value } = await reader.read();
				if (done) break;
				buffer += value;
				let end: number;
				while ((end = buffer.indexOf('\n\n')) >= 0) {
					const block = buffer.slice(0, end);
					buffer = buffer.slice(end + 2);
					const type = /^event: (.*)$/m.exec(block)?.[1];
					const data = /^data: (.*)$/m.exec(block)?.[1];
					if (!type || data === undefined) continue;
					events.push({ type: type as never, data: JSON.parse(data), at: Date.now() });
					for (const w of waiters) w();
				}
			}
		} catch {
			// Aborted by close().
		}
	})();
	return {
		events,
		next(match, timeoutMs = 5000) {
			return new Promise((resolve, reject) => {
				const check = () => {
					const found = events.find(match);
					if (!found) return false;
					waiters.delete(check);
					clearTimeout(timer);
					resolve(found);
					return true;
				};
				const timer = setTimeout(() => {
					waiters.delete(check);
					reject(new Error('no such event in time'));
				}, timeoutMs);
				if (!check()) waiters.add(check);
			});
		},
		close() {
			abort.abort();
		}
	};
}
