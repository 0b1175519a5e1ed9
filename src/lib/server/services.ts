import type { Services } from '../../../server/services';

const KEY = Symbol.for('gongzhi.services');

/**
 * The services the Node server created (see server/services.ts). SvelteKit code never creates its
 * own: sessions, roles and sync rooms are one set per process.
 */
export function services(): Services {
	const s = (globalThis as Record<symbol, unknown>)[KEY] as Services | null | undefined;
	if (!s)
		throw new Error(
			'Gongzhi services are not installed: start through server/index.ts or vite dev'
		);
	return s;
}
