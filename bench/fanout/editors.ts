import WebSocket from 'ws';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { AGENDA_FRAGMENT } from '../../src/lib/domain/agenda';
import { newAgenda } from '../../server/yjs/newAgenda';
import type { EditorSpec } from './generatorProtocol';
import { marker, stampNowUs } from './latency';
import { sleep } from './procStats';

export interface Editor {
	spec: EditorSpec;
	doc: Y.Doc;
	/**
	 * Retypes the time marker at the end of this editor's own paragraph (the last one out, the
	 * new one in, one transaction); returns its stamp (µs).
	 */
	edit(): number;
	/** Disconnects (`false`) or reconnects and waits until synced again (`true`). */
	setOnline(online: boolean): Promise<void>;
	destroy(): void;
}

/** One paragraph per editor: the plan's 20 editors each keep a line of their own. */
export const PARAGRAPHS = 20;
const SEED_TEXT = '居民议事会讨论电梯加装停车秩序与独居老人走访安排';

/** The bench agenda: the app's agenda shape (TipTap's XML), `chars` characters in 20 paragraphs. */
export function seedAgenda(chars: number): Uint8Array {
	const per = Math.max(1, Math.floor(chars / PARAGRAPHS));
	const text = SEED_TEXT.repeat(Math.ceil(per / SEED_TEXT.length)).slice(0, per);
	return newAgenda(Array.from({ length: PARAGRAPHS }, () => ({ type: 'paragraph', text }))).update;
}

function paragraphs(doc: Y.Doc): Y.XmlText[] {
	const out: Y.XmlText[] = [];
	for (const node of doc.getXmlFragment(AGENDA_FRAGMENT).toArray()) {
		if (!(node instanceof Y.XmlElement) || node.nodeName !== 'paragraph') continue;
		const text = node.get(0);
		if (text instanceof Y.XmlText) out.push(text);
	}
	return out;
}

/** The `ws` client with the Cookie and Origin a logged-in browser would send. */
function withHeaders(headers: Record<string, string>): typeof globalThis.WebSocket {
	class HeaderWebSocket extends WebSocket {
		constructor(url: string | URL, protocols?: string | string[]) {
			super(url, protocols, { headers });
		}
	}
	return HeaderWebSocket as unknown as typeof globalThis.WebSocket;
}

/** Polls `check` every 10 ms (the generator must not load the test helpers and the server). */
async function waitFor(check: () => boolean, what: string, timeoutMs: number) {
	const deadline = performance.now() + timeoutMs;
	while (!check()) {
		if (performance.now() > deadline) throw new Error(`timed out waiting for ${what}`);
		await sleep(10);
	}
}

/**
 * Opens one editing client with its server's stock provider and waits until it is synced. It
 * edits paragraph `line`, which no other editor writes to.
 */
export async function openEditor(
	spec: EditorSpec,
	line: number,
	seed: Uint8Array | null
): Promise<Editor> {
	if (!Number.isInteger(line) || line < 0 || line >= PARAGRAPHS)
		throw new Error(`editor line ${line}: the agenda has ${PARAGRAPHS} paragraphs, one per editor`);
	const doc = new Y.Doc();
	if (seed) Y.applyUpdate(doc, seed);
	let destroyProvider: () => void;
	let synced: () => boolean;
	let connect: (online: boolean) => void;
	if (spec.kind === 'y-websocket') {
		const provider = new WebsocketProvider(spec.url, spec.docName, doc, {
			WebSocketPolyfill: withHeaders(spec.headers ?? {}),
			disableBc: true
		});
		destroyProvider = () => provider.destroy();
		synced = () => provider.synced;
		connect = (online) => (online ? provider.connect() : provider.disconnect());
	} else {
		// Loaded only when a Hocuspocus run needs it (it is a dev dependency of the bench alone).
		const { HocuspocusProvider, HocuspocusProviderWebsocket } =
			await import('@hocuspocus/provider');
		const websocketProvider = new HocuspocusProviderWebsocket({
			url: spec.url,
			WebSocketPolyfill: WebSocket
		});
		const provider = new HocuspocusProvider({
			websocketProvider,
			name: spec.docName,
			document: doc
		});
		provider.attach();
		destroyProvider = () => {
			provider.destroy();
			websocketProvider.destroy();
		};
		synced = () => provider.isSynced;
		connect = (online) =>
			void (online ? websocketProvider.connect() : websocketProvider.disconnect());
	}
	await waitFor(synced, `editor on ${spec.docName} synced`, 30_000);
	// The seed reached the server when another client sees it; a later editor waits for it here.
	await waitFor(() => paragraphs(doc).length >= PARAGRAPHS, `seeded ${spec.docName}`, 30_000);
	let cached = paragraphs(doc);
	// The length of this editor's marker at its paragraph's end, written last time (0: none).
	// Retyping it keeps the agenda at its seeded size through the run: random inserts that were
	// never taken out made it 20 times that by the last phase, and every replica and the
	// server's encoding slower with it (bench/RESULTS-notes.md, step 24).
	let previous = 0;
	return {
		spec,
		doc,
		edit() {
			if (cached.length < PARAGRAPHS) cached = paragraphs(doc);
			const p = cached[line] as Y.XmlText;
			const stamp = stampNowUs();
			const text = marker(stamp);
			// Both stock providers send from the document's update event: the transaction returns
			// once the edit's bytes are handed to the socket.
			doc.transact(() => {
				if (previous > 0) p.delete(p.length - previous, previous);
				p.insert(p.length, text);
			});
			previous = text.length;
			return stamp;
		},
		async setOnline(online) {
			connect(online);
			await waitFor(
				() => synced() === online,
				`editor on ${spec.docName} ${online ? 'synced' : 'offline'}`,
				30_000
			);
		},
		destroy() {
			destroyProvider();
			doc.destroy();
		}
	};
}
