import { getSchema, type AnyExtension, type NodeViewRenderer } from '@tiptap/core';
import type { Schema } from '@tiptap/pm/model';
import StarterKit from '@tiptap/starter-kit';
// Relative, not $lib: the unit tests load this module without SvelteKit's aliases.
import { isSafeHref } from '../../domain/safeHref';
import { AgendaNotes, AgendaTopic, agendaItemNode } from './agendaItemNodes';

/**
 * The extensions that decide what an agenda may contain (its schema, AGENDA_SCHEMA_VERSION 2:
 * StarterKit plus the agenda item). The editor adds collaboration, carets and the item's node
 * view on top; the session checks shared content against the same schema, so the two can never
 * disagree about what this app version can show.
 */
export function agendaContent(opts: { itemView?: NodeViewRenderer } = {}): AnyExtension[] {
	return [
		StarterKit.configure({
			// Undo comes from the collaboration extension (it only undoes one's own edits).
			undoRedo: false,
			link: {
				// TipTap's default check already refuses javascript: links; this one parses the
				// URL as the browser will and keeps only the schemes an agenda needs.
				isAllowedUri: (url) => isSafeHref(url)
			}
		}),
		agendaItemNode(opts.itemView),
		AgendaTopic,
		AgendaNotes
	];
}

export function agendaSchema(): Schema {
	return getSchema(agendaContent());
}
