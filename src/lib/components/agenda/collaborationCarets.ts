import { Extension } from '@tiptap/core';
import type { Plugin } from '@tiptap/pm/state';
import { yCursorPlugin } from '@tiptap/y-tiptap';
import type { Awareness } from 'y-protocols/awareness';
import { colorFor } from '$lib/sync/presence';

export interface CollaborationCaretsOptions {
	awareness: Awareness | null;
	/** Turns a committee/role key into the words shown beside the name. */
	describe: (committee: string | null) => string;
}

/**
 * Other people's carets, labelled with their name and committee. Written on y-tiptap's cursor
 * plugin because @tiptap/extension-collaboration-caret pins an older @tiptap/core. The labels
 * come from the `user` field the server rewrote, never from what a client claimed. Our own
 * awareness belongs to the synced doc while the editor binds to a mirror doc with another client
 * id, so "is this me" compares against the awareness's own id.
 */
export const CollaborationCarets = Extension.create<CollaborationCaretsOptions>({
	name: 'collaborationCarets',

	addOptions() {
		return { awareness: null, describe: (c) => c ?? '' };
	},

	addProseMirrorPlugins() {
		const { awareness, describe } = this.options;
		if (!awareness) return [];
		// y-tiptap's typings say `any`; it is a ProseMirror plugin.
		const carets = yCursorPlugin(awareness, {
			awarenessStateFilter: (_docClient: number, clientId: number) =>
				clientId !== awareness.clientID,
			cursorBuilder: (user: { id?: unknown; name?: unknown; committee?: unknown }) => {
				const color = colorFor(typeof user.id === 'string' ? user.id : '');
				const caret = document.createElement('span');
				caret.className = 'gz-caret';
				caret.style.borderColor = color;
				const label = document.createElement('span');
				label.className = 'gz-caret-label';
				label.style.backgroundColor = color;
				const committee = typeof user.committee === 'string' ? user.committee : null;
				const role = describe(committee);
				const name = typeof user.name === 'string' ? user.name : '';
				label.textContent = role ? `${name} · ${role}` : name;
				caret.append('\u2060', label, '\u2060');
				return caret;
			},
			selectionBuilder: (user: { id?: unknown }) => ({
				style: `background-color: ${colorFor(typeof user.id === 'string' ? user.id : '')}33`,
				class: 'gz-caret-selection'
			})
		}) as Plugin;
		return [carets];
	}
});
