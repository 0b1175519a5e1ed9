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
	// Set again below for this page (a client-side navigation keeps the same <html>).
	delete document.documentElement.dataset.offlineReady;
	navigator.serviceWorker
		.register('/service-worker.js', { type: dev ? 'module' : 'classic' })
		.then(() => keepForOffline([location.href]))
		.then((kept) => {
			// Tells tests (and any badge that wants it) that this page now reloads offline.
			if (kept) document.documentElement.dataset.offlineReady = 'true';
		})
		.catch(() => {
			// No offline shell on this browser; nothing else depends on it.
		});
}

/**
 * Asks the service worker to cache these same-origin URLs (a page, or a large asset such as the
 * Automerge wasm that is left out of the precache and may have been fetched before the worker
 * took control). Resolves true once the worker has stored them, false when there is no worker
 * or it did not answer within `timeoutMs`.
 */
export async function keepForOffline(urls: string[], timeoutMs = 30_000): Promise<boolean> {
	if (typeof navigator === 'undefined' || !('serviceWorker' in navigator)) return false;
	try {
		const registration = await navigator.serviceWorker.ready;
		const worker = registration.active;
		if (!worker) return false;
		const channel = new MessageChannel();
		const answered = new Promise<boolean>((resolve) => {
			const timer = setTimeout(() => resolve(false), timeoutMs);
			channel.port1.onmessage = () => {
				clearTimeout(timer);
				resolve(true);
			};
		});
		worker.postMessage({ type: 'keep', urls }, [channel.port2]);
		const kept = await answered;
		channel.port1.close();
		return kept;
	} catch {
		// Nothing to do without a worker.
		return false;
	}
}
