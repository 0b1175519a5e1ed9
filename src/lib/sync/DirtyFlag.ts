import { dirtyKey } from './localKeys';

/**
 * A document's "changes waiting to sync" mark, kept in localStorage so a reload while offline
 * still shows it. Set on every local change, cleared only when the server has confirmed it holds
 * them. Storage can be unavailable (private mode, some in-app browsers): then the mark lives in
 * memory only, which is still right for the page's lifetime.
 */
export class DirtyFlag {
	#key: string;
	#memory = false;

	constructor(userId: string, docId: string) {
		this.#key = dirtyKey(userId, docId);
		this.#memory = this.#read();
	}

	get value(): boolean {
		return this.#memory;
	}

	set(value: boolean) {
		this.#memory = value;
		try {
			if (value) localStorage.setItem(this.#key, String(Date.now()));
			else localStorage.removeItem(this.#key);
		} catch {
			// Storage refused: the in-memory mark still drives the UI.
		}
	}

	#read(): boolean {
		try {
			return localStorage.getItem(this.#key) !== null;
		} catch {
			return false;
		}
	}
}
