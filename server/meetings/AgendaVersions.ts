import { yXmlFragmentToProsemirrorJSON } from '@tiptap/y-tiptap';
import * as Y from 'yjs';
import { AGENDA_FRAGMENT } from '../../src/lib/domain/agenda';
import {
	MAX_NAMED_VERSIONS,
	MAX_RESTORE_COPIES,
	parseVersionId,
	parseVersionName,
	sharedBlocks,
	type PmJson
} from '../../src/lib/domain/agendaVersions';
import type { AuditAction } from '../../src/lib/domain/audit';
import { accessFor, canDoWithMeetings } from '../../src/lib/domain/policy';
import { agendaHistoryZh } from '../../src/lib/i18n/zh-CN/agendaHistory';
import type { AccessService } from '../access/AccessService';
import type { AgendaVersionInfo } from '../storage/AgendaVersionStore';
import type { Stores } from '../storage/Stores';
import { MeetingError } from './MeetingError';
import { ownerNames } from './ownerNames';
import { agendaFromState, serverAgenda } from './serverAgenda';

export interface AgendaVersionsDeps {
	stores: Stores;
	access: AccessService;
	now(): number;
}

export interface VersionRow extends AgendaVersionInfo {
	authorName: string;
}

/** What this user may do with the versions of one agenda. */
export interface VersionRights {
	/** May save and restore now (writes the agenda, and it is open). */
	mayWrite: boolean;
	/** Would write, but the agenda is closed (minuted, or replaced by a correction). */
	closed: boolean;
}

/**
 * Named versions of an agenda: saved from the server's own copy (never from a client's), listed
 * and shown beside the current text to whoever may read the agenda; saved and restored only by
 * those who may write it, while it is open. A restore hands the version's state to the
 * restoring client, which makes the change in its editor as an ordinary edit (so it syncs, is
 * authored by that user and refused once closed); the state it replaces is saved first.
 */
export class AgendaVersions {
	constructor(private readonly deps: AgendaVersionsDeps) {}

	async list(
		userId: string,
		agendaId: string
	): Promise<VersionRights & { versions: VersionRow[] }> {
		const rights = await this.#readable(userId, agendaId);
		const versions = await this.deps.stores.agendaVersions.list(agendaId);
		return { ...rights, versions: await this.#withNames(versions) };
	}

	async save(userId: string, agendaId: string, name: unknown): Promise<number> {
		await this.#writable(userId, agendaId);
		const valid = parseVersionName(name);
		if (!valid) throw new MeetingError('invalid', 'name');
		const id = await this.#snapshot(userId, agendaId, valid, 'named', MAX_NAMED_VERSIONS);
		if (id === null) throw new MeetingError('conflict', 'too_many');
		await this.#audit(userId, 'agenda_version_saved', agendaId, { version: id, name: valid });
		return id;
	}

	/** One version and the current text, both as ProseMirror JSON, with the blocks that differ. */
	async view(userId: string, agendaId: string, versionId: string) {
		const rights = await this.#readable(userId, agendaId);
		const version = await this.#version(agendaId, versionId);
		const old = agendaFromState(version.state);
		const current = await serverAgenda(this.deps.stores.yjs, agendaId);
		try {
			const left = blocksOf(old);
			const right = blocksOf(current);
			const { sameA, sameB } = sharedBlocks(
				left.map((b) => JSON.stringify(b)),
				right.map((b) => JSON.stringify(b))
			);
			const { state: _bytes, ...meta } = version;
			const [info] = await this.#withNames([meta]);
			const doc = (await this.deps.stores.documents.get(agendaId))!;
			const users = [...left, ...right].flatMap(itemOwners);
			const found = await ownerNames(this.deps, doc.communityId, users);
			// Keyed as the items write them (`user:<id>`), for the page to look up.
			const names = Object.fromEntries([...found].map(([id, name]) => [`user:${id}`, name]));
			return {
				...rights,
				version: info!,
				left,
				right,
				sameLeft: sameA,
				sameRight: sameB,
				names
			};
		} finally {
			old.destroy();
			current.destroy();
		}
	}

	/**
	 * Prepares a restore: saves the current state (kind `before_restore`, skipped once that cap
	 * is reached) and returns the version's state for the client to apply as its own edit.
	 */
	async restore(
		userId: string,
		agendaId: string,
		versionId: string
	): Promise<{ state: string; savedBefore: number | null }> {
		await this.#writable(userId, agendaId);
		const version = await this.#version(agendaId, versionId);
		const savedBefore = await this.#snapshot(
			userId,
			agendaId,
			agendaHistoryZh.versions.autoName(version.name),
			'before_restore',
			MAX_RESTORE_COPIES
		);
		await this.#audit(userId, 'agenda_version_restored', agendaId, {
			version: version.id,
			name: version.name,
			savedBefore
		});
		return { state: Buffer.from(version.state).toString('base64'), savedBefore };
	}

	async #snapshot(
		userId: string,
		agendaId: string,
		name: string,
		kind: 'named' | 'before_restore',
		cap: number
	): Promise<number | null> {
		const doc = await serverAgenda(this.deps.stores.yjs, agendaId);
		try {
			return await this.deps.stores.agendaVersions.add(
				{
					agendaId,
					name,
					kind,
					authorId: userId,
					createdAt: this.deps.now(),
					state: Y.encodeStateAsUpdate(doc)
				},
				cap
			);
		} finally {
			doc.destroy();
		}
	}

	async #version(agendaId: string, versionId: string) {
		const id = parseVersionId(versionId);
		const version = id === null ? null : await this.deps.stores.agendaVersions.get(agendaId, id);
		if (!version) throw new MeetingError('not_found');
		return version;
	}

	/** Readable agenda (else not_found, as an unknown id) and what this user may do with it. */
	async #readable(userId: string, agendaId: string): Promise<VersionRights> {
		const found = await this.deps.access.document(userId, agendaId);
		if (!found || found.doc.kind !== 'agenda') throw new MeetingError('not_found');
		if (found.level === 'write') return { mayWrite: true, closed: false };
		const roles = await this.deps.access.rolesIn(userId, found.doc.communityId);
		const editor =
			canDoWithMeetings('edit_agenda', roles) || accessFor('agenda', roles) === 'write';
		return { mayWrite: false, closed: editor && !(await this.deps.access.agendaOpen(agendaId)) };
	}

	async #writable(userId: string, agendaId: string) {
		const rights = await this.#readable(userId, agendaId);
		if (rights.closed) throw new MeetingError('conflict', 'closed');
		if (!rights.mayWrite) throw new MeetingError('forbidden', 'forbidden');
	}

	async #withNames<T extends AgendaVersionInfo>(
		rows: T[]
	): Promise<(T & { authorName: string })[]> {
		const names = new Map<string, string>();
		for (const id of new Set(rows.map((r) => r.authorId))) {
			const u = await this.deps.stores.users.byId(id);
			names.set(id, u?.displayName ?? '');
		}
		return rows.map((r) => ({ ...r, authorName: names.get(r.authorId) ?? '' }));
	}

	async #audit(
		userId: string,
		action: AuditAction,
		agendaId: string,
		detail: Record<string, unknown>
	) {
		const doc = await this.deps.stores.documents.get(agendaId);
		await this.deps.stores.audit.record({
			at: this.deps.now(),
			userId,
			action,
			target: `agenda:${agendaId}`,
			scope: doc?.communityId ?? null,
			detail
		});
	}
}

/**
 * The document's top-level blocks as ProseMirror JSON (the editor's own conversion), made plain
 * JSON block by block: an attribute a client set to something that is not JSON (binary, a
 * nested document) must not stop the page from rendering for everyone.
 */
function blocksOf(doc: Y.Doc): PmJson[] {
	const json = yXmlFragmentToProsemirrorJSON(doc.getXmlFragment(AGENDA_FRAGMENT)) as PmJson;
	const blocks = Array.isArray(json.content) ? json.content : [];
	return blocks.map((block) => {
		try {
			return JSON.parse(JSON.stringify(block)) as PmJson;
		} catch {
			return { type: 'paragraph' };
		}
	});
}

/** User ids named as owners by the agenda items in a block (and its descendants). */
function itemOwners(node: PmJson): string[] {
	const own = node.type === 'agendaItem' ? node.attrs?.owner : undefined;
	const here = typeof own === 'string' && own.startsWith('user:') ? [own.slice(5)] : [];
	const kids = Array.isArray(node.content) ? node.content.flatMap(itemOwners) : [];
	return [...here, ...kids];
}
