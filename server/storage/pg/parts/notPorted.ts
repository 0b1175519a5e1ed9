import type { Stores } from '../../Stores';

/** Stands in for a store not yet written for PostgreSQL: every call fails and says which. */
export function notPorted<K extends keyof Stores>(name: K): Stores[K] {
	return new Proxy(
		{},
		{
			get: (_target, method) => () =>
				Promise.reject(
					new Error(`stores.${name}.${String(method)} is not written for PostgreSQL yet`)
				)
		}
	) as Stores[K];
}
