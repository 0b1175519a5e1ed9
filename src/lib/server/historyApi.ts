import { error, json } from '@sveltejs/kit';
import { NO_STORE } from './demandApi';

/** Automerge document ids are base58: anything else is refused before a lookup. */
export const BOARD_ID = /^[1-9A-HJ-NP-Za-km-z]{10,64}$/;
/** An Automerge change hash: 64 lowercase hex digits. */
export const CHANGE_HASH = /^[0-9a-f]{64}$/;

/** A board (or change) the user may not see: by name, as src/ may not import server classes. */
export function isHistoryNotFound(e: unknown): boolean {
	return e instanceof Error && e.name === 'HistoryNotFound';
}

/** Runs a history read for an API: unknown and forbidden boards answer the same 404. */
export async function historyJson(read: () => Promise<unknown>): Promise<Response> {
	try {
		return json(await read(), { headers: NO_STORE });
	} catch (e) {
		if (isHistoryNotFound(e)) {
			return json({ error: 'not_found' }, { status: 404, headers: NO_STORE });
		}
		throw e;
	}
}

/** Runs a history read for a page: unknown and forbidden boards are the same 404 page. */
export async function historyPage<T>(read: () => Promise<T>): Promise<T> {
	try {
		return await read();
	} catch (e) {
		if (isHistoryNotFound(e)) error(404, 'Not Found');
		throw e;
	}
}
