/**
 * The shape of a joint-meeting agenda's Yjs document. Top-level types are created by name and
 * never conflict, but every version bump must still be readable by the previous app version
 * (it opens read-only when it meets a newer schema).
 *
 * 1: StarterKit blocks. 2: agenda items (agendaItems.ts). A version-1 client that meets an item
 * in a document that still says 1 (written by a newer client) finds content its schema cannot
 * show and turns read-only too (unshowableContent.ts), so it never drops the item.
 */
export const AGENDA_SCHEMA_VERSION = 2;

/** The Y.Map holding document-level facts, among them `schemaVersion`. */
export const AGENDA_META = 'meta';
/** The Y.XmlFragment TipTap edits (the Collaboration extension's `field`). */
export const AGENDA_FRAGMENT = 'default';

/** Agenda ids are server-made; anything else in a URL is refused before a lookup. */
export const AGENDA_ID_PATTERN = /^[a-z0-9][a-z0-9-]{5,63}$/;

export function isAgendaId(value: string): boolean {
	return AGENDA_ID_PATTERN.test(value);
}
