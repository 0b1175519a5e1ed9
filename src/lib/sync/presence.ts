/** One person shown as present on an agenda, as the server's awareness rewrite describes them. */
export interface PresentUser {
	clientId: number;
	id: string;
	name: string;
	committee: string | null;
	color: string;
}

export interface Presence {
	people: PresentUser[];
	viewers: number;
	/** The server says the document takes no edits (its meeting was minuted). */
	closed: boolean;
}

// Six-digit hex only: y-tiptap's caret decorations append an alpha suffix to it.
const COLORS = ['#b91c1c', '#1d4ed8', '#047857', '#7c3aed', '#c2410c', '#0e7490', '#be185d'];

/** A stable colour per user, so a person keeps their colour across devices and reloads. */
export function colorFor(userId: string): string {
	let h = 0;
	for (const ch of userId) h = (h * 31 + ch.charCodeAt(0)) >>> 0;
	return COLORS[h % COLORS.length] ?? '#b91c1c';
}

function isRecord(v: unknown): v is Record<string, unknown> {
	return typeof v === 'object' && v !== null;
}

/**
 * Reads awareness states into the presence list. Writers carry a `user` the server rewrote from
 * the session (never what a client claimed); the server's own state carries the viewer count,
 * since readers' presence is not relayed one by one. One entry per person, even with two tabs.
 */
export function readPresence(states: Map<number, unknown>, selfClientId: number): Presence {
	const byUser = new Map<string, PresentUser>();
	let viewers = 0;
	let closed = false;
	for (const [clientId, state] of states) {
		if (!isRecord(state)) continue;
		// One server entry per instance that has the document open (cluster mode): each counts
		// its own readers, and any of them may say the document closed.
		if (state.server === true) {
			if (typeof state.viewers === 'number') viewers += state.viewers;
			closed ||= state.closed === true;
			continue;
		}
		const user = state.user;
		if (!isRecord(user) || typeof user.id !== 'string' || typeof user.name !== 'string') continue;
		if (byUser.has(user.id) && clientId !== selfClientId) continue;
		byUser.set(user.id, {
			clientId,
			id: user.id,
			name: user.name,
			committee: typeof user.committee === 'string' ? user.committee : null,
			color: colorFor(user.id)
		});
	}
	return { people: [...byUser.values()], viewers, closed };
}
