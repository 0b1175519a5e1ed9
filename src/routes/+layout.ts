import { loadMessages } from '$lib/i18n';
import type { LayoutLoad } from './$types';

/** The page's language's messages, fetched before it renders (only that language's chunk). */
export const load: LayoutLoad = async ({ data }) => ({
	...data,
	messages: await loadMessages(data.locale)
});
