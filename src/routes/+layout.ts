import { loadMessages } from '$lib/i18n';
import type { LayoutLoad } from './$types';

/**
 * The page's language's messages, fetched before it renders: only that language's chunks, and
 * only the lean half on the agenda page (reading `route` makes this run again on navigation).
 */
export const load: LayoutLoad = async ({ data, route }) => ({
	...data,
	messages: await loadMessages(data.locale, route.id)
});
