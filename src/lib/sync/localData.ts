import { LOCAL_PREFIX, PAGE_CACHE_PREFIX, userPrefix } from './localKeys';

// How long logout waits for open pages to get pending changes confirmed by the server.
const SYNC_WAIT_MS = 4000;

/**
 * Before logging out on a shared phone: give pending changes a few seconds to reach the server,
 * ask before discarding what still has not, then remove the user's documents, "waiting to sync"
 * marks and cached pages from the device. Returns false when the user chose to stay.
 *
 * `userId` narrows the clean-up to that user's data (the `gz:<userId>:` prefix); without it every
 * Gongzhi document on the device goes, which matches what the server's Clear-Site-Data does.
 * `confirmDiscard` is the question asked, in the page's language.
 */
export async function prepareLogout(confirmDiscard: string, userId?: string): Promise<boolean> {
	const prefix = userId ? userPrefix(userId) : LOCAL_PREFIX;
	if (pendingKeys(prefix).length > 0) {
		// Open pages keep syncing and clear their own marks once the server confirms.
		const deadline = Date.now() + SYNC_WAIT_MS;
		while (pendingKeys(prefix).length > 0 && Date.now() < deadline) {
			await new Promise((r) => setTimeout(r, 200));
		}
		if (pendingKeys(prefix).length > 0 && !confirm(confirmDiscard)) return false;
	}
	await clearLocalData(prefix);
	return true;
}

/** Removes IndexedDB databases, marks and page caches under a prefix. Never throws. */
export async function clearLocalData(prefix: string): Promise<void> {
	for (const key of storageKeys(prefix)) localStorage.removeItem(key);
	await Promise.all([deleteDatabases(prefix), deletePageCaches()]);
}

function pendingKeys(prefix: string): string[] {
	return storageKeys(prefix).filter((k) => k.startsWith(prefix) && k.includes(':dirty:'));
}

function storageKeys(prefix: string): string[] {
	try {
		const keys: string[] = [];
		for (let i = 0; i < localStorage.length; i++) {
			const key = localStorage.key(i);
			if (key?.startsWith(prefix)) keys.push(key);
		}
		return keys;
	} catch {
		return [];
	}
}

async function deleteDatabases(prefix: string): Promise<void> {
	if (typeof indexedDB === 'undefined' || typeof indexedDB.databases !== 'function') return;
	try {
		const dbs = await indexedDB.databases();
		await Promise.all(
			dbs
				.map((db) => db.name)
				.filter((name): name is string => !!name?.startsWith(prefix))
				.map(
					(name) =>
						new Promise<void>((resolve) => {
							const req = indexedDB.deleteDatabase(name);
							// A page still holding the database open gets `versionchange` and
							// closes it (y-indexeddb and automerge-repo both do); blocked or not,
							// the deletion completes once it is closed.
							req.onsuccess = req.onerror = () => resolve();
							req.onblocked = () => setTimeout(resolve, 1000);
						})
				)
		);
	} catch {
		// Nothing more to do: the server's Clear-Site-Data header is the second line.
	}
}

async function deletePageCaches(): Promise<void> {
	if (typeof caches === 'undefined') return;
	try {
		for (const key of await caches.keys()) {
			if (key.startsWith(PAGE_CACHE_PREFIX)) await caches.delete(key);
		}
	} catch {
		// Cache storage can be unavailable (insecure context): nothing cached then.
	}
}
