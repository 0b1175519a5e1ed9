import { WebsocketProvider } from 'y-websocket';
import { IndexeddbPersistence } from 'y-indexeddb';
import type { Schema } from '@tiptap/pm/model';
import * as Y from 'yjs';
import { AGENDA_FRAGMENT, AGENDA_META, AGENDA_SCHEMA_VERSION } from '$lib/domain/agenda';
import { YJS_SYNC_PATH } from '$lib/domain/yjsProtocol';
import type { ConnectionState } from './ConnectionState';
import { DirtyFlag } from './DirtyFlag';
import { agendaDbName } from './localKeys';
import { readPresence, type PresentUser } from './presence';
import { findUnshowable } from './unshowableContent';
import { wsOrigin } from './wsOrigin';
import { YjsAckTracker } from './YjsAckTracker';

export interface AgendaSessionOptions {
	userId: string;
	docId: string;
	/** The server's decision for this user; the server enforces it too. */
	writable: boolean;
	/** Shown to the others until the server's rewrite of the same fields arrives. */
	user: { id: string; name: string; committee: string | null };
	/** What this app version can show; shared content beyond it makes the session read-only. */
	schema: Schema;
}

/** Origin of transactions that copy between the synced doc and the editor's doc. */
const LINK = Symbol('agenda-link');

/**
 * One open agenda: the Y.Doc that syncs (IndexedDB + websocket) and a second Y.Doc the editor
 * binds to. Edits cross from the editor's doc to the synced doc only while the document is
 * editable, so a reader's client, or one that met a newer schema or content it cannot show,
 * never produces a change, whatever the editor binding does on its own (normalising, etc.).
 */
export class AgendaSession {
	connection = $state<ConnectionState>('connecting');
	pending = $state(false);
	schemaTooNew = $state(false);
	schemaKnown = $state(false);
	contentError = $state(false);
	people = $state.raw<PresentUser[]>([]);
	viewers = $state(0);
	/** The server closed the document to edits while it was open (its meeting was minuted). */
	closed = $state(false);

	readonly syncDoc: Y.Doc;
	readonly viewDoc = new Y.Doc();
	readonly provider: WebsocketProvider;
	readonly #persistence: IndexeddbPersistence;
	readonly #dirty: DirtyFlag;
	readonly #tracker: YjsAckTracker;
	readonly #offs: (() => void)[] = [];
	/** Remote updates held back while an IME composition is open in the editor. */
	#held: Uint8Array[] | null = null;

	private constructor(
		private readonly opts: AgendaSessionOptions,
		syncDoc: Y.Doc,
		persistence: IndexeddbPersistence
	) {
		this.syncDoc = syncDoc;
		this.#persistence = persistence;
		this.#dirty = new DirtyFlag(opts.userId, opts.docId);
		this.pending = this.#dirty.value;
		this.provider = new WebsocketProvider(
			`${wsOrigin()}${YJS_SYNC_PATH}`,
			opts.docId,
			this.syncDoc,
			{
				connect: false,
				disableBc: true
			}
		);
		this.#tracker = new YjsAckTracker(
			this.provider,
			this.syncDoc,
			this.#dirty,
			(origin) => origin === LINK,
			() => (this.pending = this.#dirty.value)
		);
	}

	/** Loads the local copy first (offline-first), then connects. */
	static async open(opts: AgendaSessionOptions): Promise<AgendaSession> {
		const syncDoc = new Y.Doc();
		const persistence = new IndexeddbPersistence(agendaDbName(opts.userId, opts.docId), syncDoc);
		// IndexedDB can be missing or stuck (some in-app browsers): go on online-only after a while.
		await Promise.race([
			persistence.whenSynced.catch(() => undefined),
			new Promise((r) => setTimeout(r, 3000))
		]);
		const session = new AgendaSession(opts, syncDoc, persistence);
		session.#wire();
		return session;
	}

	get editable(): boolean {
		return (
			this.opts.writable &&
			!this.closed &&
			this.schemaKnown &&
			!this.schemaTooNew &&
			!this.contentError
		);
	}

	/** The editor met content its schema cannot show: stop writing before anything is dropped. */
	markContentError() {
		this.contentError = true;
	}

	/**
	 * While someone composes Chinese through an IME, a remote change re-rendering the paragraph
	 * breaks the composition and commits its pinyin as text. Remote updates wait until it ends.
	 */
	setComposing(composing: boolean) {
		if (composing) {
			this.#held ??= [];
			return;
		}
		const held = this.#held;
		this.#held = null;
		if (held?.length) {
			this.viewDoc.transact(() => {
				for (const update of held) Y.applyUpdate(this.viewDoc, update, LINK);
			}, LINK);
		}
	}

	/** Asks the server to confirm what is pending now (logout's last attempt). */
	flush() {
		this.#tracker.flush();
	}

	destroy() {
		for (const off of this.#offs) off();
		this.#tracker.destroy();
		this.provider.awareness.setLocalState(null);
		this.provider.destroy();
		void this.#persistence.destroy();
		this.viewDoc.destroy();
		this.syncDoc.destroy();
	}

	#wire() {
		const { syncDoc, viewDoc, provider } = this;
		Y.applyUpdate(viewDoc, Y.encodeStateAsUpdate(syncDoc), LINK);
		const down = (update: Uint8Array, origin: unknown) => {
			if (origin === LINK) return;
			if (this.#held) this.#held.push(update);
			else Y.applyUpdate(viewDoc, update, LINK);
		};
		const up = (update: Uint8Array, origin: unknown) => {
			if (origin !== LINK && this.editable) Y.applyUpdate(syncDoc, update, LINK);
		};
		syncDoc.on('update', down);
		viewDoc.on('update', up);
		this.#offs.push(
			() => syncDoc.off('update', down),
			() => viewDoc.off('update', up)
		);

		// Checked before the update reaches the editor's doc (deep observers run before the
		// 'update' event): the editor binding deletes what the schema cannot show, and that
		// deletion must find the session already read-only.
		const fragment = syncDoc.getXmlFragment(AGENDA_FRAGMENT);
		const checkContent = (events: Y.YEvent<Y.AbstractType<unknown>>[]) => {
			if (this.contentError) return;
			for (const { target } of events) {
				if (!(target instanceof Y.XmlFragment) && !(target instanceof Y.XmlText)) continue;
				if (findUnshowable(target, this.opts.schema)) return this.markContentError();
			}
		};
		fragment.observeDeep(checkContent);
		this.#offs.push(() => fragment.unobserveDeep(checkContent));
		if (findUnshowable(fragment, this.opts.schema)) this.markContentError();

		const meta = syncDoc.getMap(AGENDA_META);
		const checkSchema = () => {
			const v = meta.get('schemaVersion');
			this.schemaKnown = typeof v === 'number';
			this.schemaTooNew = typeof v === 'number' && v > AGENDA_SCHEMA_VERSION;
		};
		meta.observe(checkSchema);
		this.#offs.push(() => meta.unobserve(checkSchema));
		checkSchema();

		const awareness = provider.awareness;
		if (this.opts.writable) awareness.setLocalStateField('user', this.opts.user);
		const onAwareness = () => {
			const p = readPresence(awareness.getStates(), awareness.clientID);
			this.people = p.people;
			this.viewers = p.viewers;
			this.closed = p.closed;
		};
		awareness.on('change', onAwareness);
		this.#offs.push(() => awareness.off('change', onAwareness));
		onAwareness();

		const onStatus = ({ status }: { status: string }) => {
			if (status === 'connected') this.connection = 'online';
			else if (status === 'disconnected') this.connection = 'offline';
			else if (this.connection !== 'offline') this.connection = 'connecting';
		};
		const onDown = () => (this.connection = 'offline');
		provider.on('status', onStatus);
		provider.on('connection-close', onDown);
		provider.on('connection-error', onDown);
		this.#offs.push(
			() => provider.off('status', onStatus),
			() => provider.off('connection-close', onDown),
			() => provider.off('connection-error', onDown)
		);
		provider.connect();
	}
}
