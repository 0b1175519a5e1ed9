import { dev } from '$app/environment';

/**
 * Registers the service worker that keeps the app shell and visited pages for offline use, then
 * asks it to keep the current page: the visit that installed it happened before it controlled
 * the page, so without this the first page opened could not be reloaded offline.
 * Some in-app browsers (WeChat's) have no or a broken service worker: the app then simply works
 * online only, so every failure here is swallowed.
 */
export function registerServiceWorker(): void {
	if (typeof navigator === 'undefined' || !('serviceWorker' in navigator)) return;
	const sw = navigator.serviceWorker;
	sw.register('/service-worker.js', { type: dev ? 'module' : 'classic' })
		.then(() => sw.ready)
		.then((registration) => {
			registration.active?.postMessage({ type: 'keep-page', url: location.href });
		})
		.catch(() => {
			// No offline shell on this browser; nothing else depends on it.
		});
}
