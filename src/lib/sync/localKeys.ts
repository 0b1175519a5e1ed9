/**
 * Names of everything a user's documents leave on the device. One prefix per user, so logging
 * out can remove exactly that user's data from a shared phone and nobody else's.
 */
export const LOCAL_PREFIX = 'gz:';

export function userPrefix(userId: string): string {
	return `${LOCAL_PREFIX}${userId}:`;
}

export function agendaDbName(userId: string, docId: string): string {
	return `${userPrefix(userId)}agenda:${docId}`;
}

export function automergeDbName(userId: string): string {
	return `${userPrefix(userId)}automerge`;
}

/** The localStorage key of a document's "changes waiting to sync" flag. */
export function dirtyKey(userId: string, docId: string): string {
	return `${userPrefix(userId)}dirty:${docId}`;
}

/** Service-worker caches holding pages (per-user HTML and data); the shell cache is not one. */
export const PAGE_CACHE_PREFIX = 'gz-pages';
