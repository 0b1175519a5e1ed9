import { getContext, setContext, type Snippet } from 'svelte';

const KEY = Symbol('header-status');

/**
 * Room in the layout's header for a page's own indicator (the sync status of a document). A page
 * sets `current` in an $effect and clears it in the effect's cleanup:
 *   const header = useHeaderStatus();
 *   $effect(() => { header.current = syncBadge; return () => (header.current = null); });
 */
export class HeaderStatus {
	current = $state<Snippet | null>(null);
}

export function provideHeaderStatus(): HeaderStatus {
	return setContext(KEY, new HeaderStatus());
}

export function useHeaderStatus(): HeaderStatus {
	return getContext<HeaderStatus>(KEY);
}
