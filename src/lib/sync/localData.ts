/**
 * Placeholder owned by the sync work: before logging out, sync what is pending or ask the user
 * to confirm discarding it, then remove this user's local documents, outbox and caches. Returns
 * false when the user chose to stay logged in. The layout's logout button calls it.
 */
export async function prepareLogout(): Promise<boolean> {
	return true;
}
