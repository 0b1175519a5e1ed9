import { dev } from '$app/environment';

/**
 * Registers the service worker that keeps the app shell and visited pages for offline use, and
 * asks it to keep the current page: the visit that installed it happened before it controlled
 * the page, so without this the first page opened could not be reloaded offline.
 * Some in-app browsers (WeChat's) have no or a broken service worker: the app then simply works
 * online only, so every failure here is swallowed.
 */
export function registerServiceWorker(): void {
	if (typeof navigator === 'undefined' || !('serviceWorker' in navigator)) return;
	navigator.serviceWorker
		.register('/service-worker.js', { type: dev ? 'module' : 'classic' })
		.then(() => keepForOffline([location.href]))
		.catch(() => {
			// No offline shell on this browser; nothing else depends on it.
		});
}

/**
 * Asks the service worker to cache these same-origin URLs (a page, or a large asset such as the
 * Automerge wasm that is left out of the precache and may have been fetched before the worker
 * took control). Resolves once the worker has them, or at once when there is no worker.
 */
export async function keepForOffline(urls: string[]): Promise<void> {
	if (typeof navigator === 'undefined' || !('serviceWorker' in navigator)) return;
	try {
		const registration = await navigator.serviceWorker.ready;
		registration.active?.postMessage({ type: 'keep', urls });
	} catch {
		// Nothing to do without a worker.
	}
}
