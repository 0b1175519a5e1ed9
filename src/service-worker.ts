/// <reference no-default-lib="true"/>
/// <reference lib="esnext" />
/// <reference lib="webworker" />
/// <reference types="@sveltejs/kit" />
import { build, files, version } from '$service-worker';

/**
 * Offline support: the app shell is precached; pages a user visited are kept so they reload
 * offline. The Automerge wasm (~3.6 MB) is not precached: it is cached the first time the board
 * page fetches it. Page caches hold per-user HTML, so logout deletes them (see localData.ts).
 */
const sw = self as unknown as ServiceWorkerGlobalScope;

const SHELL = `gz-shell-${version}`;
const ASSETS = 'gz-assets';
const PAGES = 'gz-pages';

const precache = [...build, ...files].filter((path) => !path.endsWith('.wasm'));
const immutable = new Set(build);

sw.addEventListener('install', (event) => {
	event.waitUntil(
		caches
			.open(SHELL)
			.then((cache) => cache.addAll(precache))
			.then(() => sw.skipWaiting())
	);
});

sw.addEventListener('activate', (event) => {
	event.waitUntil(
		(async () => {
			for (const key of await caches.keys()) {
				if (key.startsWith('gz-shell-') && key !== SHELL) await caches.delete(key);
			}
			await sw.clients.claim();
		})()
	);
});

// A page asks to keep URLs (see registerServiceWorker.ts): pages as a navigation would cache
// them, hashed assets (the wasm) into the asset cache.
sw.addEventListener('message', (event) => {
	const data: unknown = event.data;
	if (typeof data !== 'object' || data === null) return;
	const { type, urls } = data as { type?: unknown; urls?: unknown };
	if (type !== 'keep' || !Array.isArray(urls)) return;
	const jobs = urls
		.filter((u): u is string => typeof u === 'string')
		.map((u) => new URL(u, sw.location.origin))
		.filter((u) => u.origin === sw.location.origin)
		.map((u) => {
			const request = new Request(u.href, { credentials: 'same-origin' });
			return isImmutable(u) ? cacheFirst(request) : networkFirst(request);
		});
	// The page learns when its copies are stored (a port, when it sent one): until then a reload
	// without network could find the cache mid-write.
	const port = event.ports[0];
	event.waitUntil(Promise.allSettled(jobs).then(() => port?.postMessage({ type: 'kept' })));
});

function isImmutable(url: URL): boolean {
	return immutable.has(url.pathname) || url.pathname.startsWith('/_app/immutable/');
}

sw.addEventListener('fetch', (event) => {
	const request = event.request;
	if (request.method !== 'GET') return;
	const url = new URL(request.url);
	if (url.origin !== sw.location.origin) return;
	if (url.pathname.startsWith('/sync/') || url.pathname === '/healthz') return;

	if (isImmutable(url)) {
		event.respondWith(cacheFirst(request));
	} else if (request.mode === 'navigate' || url.pathname.endsWith('/__data.json')) {
		event.respondWith(networkFirst(request));
	} else if (files.includes(url.pathname)) {
		event.respondWith(cacheFirst(request));
	}
});

/** Hashed build files never change: the cache answers, the network fills what is missing. */
async function cacheFirst(request: Request): Promise<Response> {
	const hit = await caches.match(request);
	if (hit) return hit;
	const response = await fetch(request);
	if (response.ok) {
		const cache = await caches.open(ASSETS);
		await cache.put(request, response.clone());
	}
	return response;
}

/** Pages and their data: fresh when online, the last good copy when not. */
async function networkFirst(request: Request): Promise<Response> {
	try {
		const response = await fetch(request);
		// Only plain successes: a redirect to /login or an error page must not replace a good copy.
		if (response.ok && response.type === 'basic' && !response.redirected) {
			// The body is read whole before the cache is touched: Chromium drops the old entry
			// when a put starts, so a connection lost mid-body would leave no copy at all.
			const copy = response.clone();
			const body = await copy.blob().catch(() => null);
			if (body) {
				// Awaited so a page that asked to be kept is kept before the worker may stop.
				const cache = await caches.open(PAGES);
				await cache.put(
					request,
					new Response(body, {
						status: copy.status,
						statusText: copy.statusText,
						headers: copy.headers
					})
				);
			}
		}
		return response;
	} catch (err) {
		const hit = await caches.match(request, { ignoreVary: true });
		if (hit) return hit;
		throw err;
	}
}
