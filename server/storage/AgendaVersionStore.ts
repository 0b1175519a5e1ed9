import type { VersionKind } from '../../src/lib/domain/agendaVersions';

/** A named version of an agenda document, as listed (without its bytes). */
export interface AgendaVersionInfo {
	id: number;
	agendaId: string;
	name: string;
	kind: VersionKind;
	authorId: string;
	/** The server's time when it was saved. */
	createdAt: number;
}

export interface AgendaVersion extends AgendaVersionInfo {
	/** The whole document as the server held it (a Yjs update the server encoded itself). */
	state: Uint8Array;
}

/**
 * Named versions of agenda documents: append-only (the database refuses changing or removing a
 * row), a bounded number per agenda and kind.
 */
export interface AgendaVersionStore {
	/**
	 * Adds a version unless the agenda already holds `cap` of that kind (checked and written in
	 * one step, so two saves racing the cap cannot both pass); its id, or null when full.
	 */
	add(version: Omit<AgendaVersion, 'id'>, cap: number): Promise<number | null>;
	/** An agenda's versions, newest first. */
	list(agendaId: string): Promise<AgendaVersionInfo[]>;
	/** One version of that agenda (null for another agenda's id, so ids cannot be probed across). */
	get(agendaId: string, id: number): Promise<AgendaVersion | null>;
}
