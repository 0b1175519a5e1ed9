import { Extension, type Editor } from '@tiptap/core';
import { Plugin, PluginKey, type EditorState } from '@tiptap/pm/state';
import { Decoration, DecorationSet } from '@tiptap/pm/view';
import {
	absolutePositionToRelativePosition,
	relativePositionToAbsolutePosition,
	ySyncPluginKey
} from '@tiptap/y-tiptap';
import * as Y from 'yjs';
import type { CommentAnchor } from '$lib/domain/comments';

/** A passage to highlight: a comment's anchor, `active` when its comment is the one in focus. */
export interface Highlight {
	id: string;
	anchor: CommentAnchor;
	active: boolean;
}

const key = new PluginKey<DecorationSet>('commentHighlights');

interface YState {
	doc: Y.Doc;
	type: Y.XmlFragment;
	binding: { mapping: Map<unknown, unknown> } | null;
	isChangeOrigin?: boolean;
}

function yState(state: EditorState): YState | null {
	const y = ySyncPluginKey.getState(state) as YState | undefined;
	return y?.doc && y.binding && y.binding.mapping.size > 0 ? y : null;
}

const toBase64 = (bytes: Uint8Array) => btoa(String.fromCharCode(...bytes));
const fromBase64 = (text: string) => Uint8Array.from(atob(text), (c) => c.charCodeAt(0));

/**
 * The editor's current selection as a comment anchor (two Yjs relative positions: they name the
 * characters, not offsets, so they keep pointing at the same text while others edit), with the
 * selected text; null when nothing is selected.
 */
export function selectionAnchor(editor: Editor): { anchor: CommentAnchor; quote: string } | null {
	const { state } = editor;
	const { from, to, empty } = state.selection;
	const y = yState(state);
	if (empty || !y) return null;
	const quote = state.doc.textBetween(from, to, ' ').trim();
	if (!quote) return null;
	// y-tiptap makes left-associated positions (each sticks to the character before it); the
	// start must stick to the first selected character instead, or text typed just before the
	// passage would join its highlight.
	const left = (pos: number) =>
		absolutePositionToRelativePosition(
			pos,
			y.type,
			y.binding!.mapping as never
		) as Y.RelativePosition;
	const startOf = (pos: number) => {
		const at = Y.createAbsolutePositionFromRelativePosition(left(pos), y.doc);
		return at ? Y.createRelativePositionFromTypeIndex(at.type, at.index, 0) : left(pos);
	};
	const rel = (pos: Y.RelativePosition) => toBase64(Y.encodeRelativePosition(pos));
	return { anchor: { start: rel(startOf(from)), end: rel(left(to)) }, quote };
}

/** Where an anchor is in the editor's document now, or null if it no longer resolves. */
function resolveAnchor(state: EditorState, y: YState, anchor: CommentAnchor) {
	try {
		const abs = (encoded: string) =>
			relativePositionToAbsolutePosition(
				y.doc,
				y.type,
				Y.decodeRelativePosition(fromBase64(encoded)),
				y.binding!.mapping as never
			);
		const from = abs(anchor.start);
		const to = abs(anchor.end);
		if (from === null || to === null) return null;
		const max = state.doc.content.size;
		const [a, b] = [Math.min(from, to, max), Math.min(Math.max(from, to), max)];
		return a < b ? { from: a, to: b } : null;
	} catch {
		// An anchor made against another revision, or bytes that are not a position: no highlight.
		return null;
	}
}

function decorate(state: EditorState, highlights: readonly Highlight[]): DecorationSet {
	const y = yState(state);
	if (!y) return DecorationSet.empty;
	const decorations: Decoration[] = [];
	for (const h of highlights) {
		const range = resolveAnchor(state, y, h.anchor);
		if (!range) continue;
		decorations.push(
			Decoration.inline(range.from, range.to, {
				class: h.active ? 'gz-comment-mark active' : 'gz-comment-mark',
				'data-comment': h.id
			})
		);
	}
	return DecorationSet.create(state.doc, decorations);
}

export interface CommentHighlightsOptions {
	/** The current highlights; read again whenever `refreshHighlights` is called. */
	highlights: () => readonly Highlight[];
}

/**
 * Comment highlights in the agenda: recomputed from the relative positions whenever a remote
 * change arrives (the binding's mapping is then up to date) or the list changes, and mapped
 * through local edits in between, as y-tiptap's caret plugin does for carets.
 */
export const CommentHighlights = Extension.create<CommentHighlightsOptions>({
	name: 'commentHighlights',

	addOptions() {
		return { highlights: () => [] };
	},

	addProseMirrorPlugins() {
		const { highlights } = this.options;
		return [
			new Plugin<DecorationSet>({
				key,
				state: {
					init: (_, state) => decorate(state, highlights()),
					apply(tr, previous, _old, state) {
						const y = ySyncPluginKey.getState(state) as YState | undefined;
						if (tr.getMeta(key) || y?.isChangeOrigin) return decorate(state, highlights());
						return tr.docChanged ? previous.map(tr.mapping, tr.doc) : previous;
					}
				},
				props: { decorations: (state) => key.getState(state) }
			})
		];
	}
});

/** Tells the editor the list of highlights changed. */
export function refreshHighlights(editor: Editor) {
	if (!editor.isDestroyed) editor.view.dispatch(editor.state.tr.setMeta(key, true));
}
