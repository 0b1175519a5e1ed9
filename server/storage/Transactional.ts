/**
 * Every store can run work in a transaction. The callback gets no handle: stores created from
 * the same database join the transaction that is open. SQLite answers synchronously, PostgreSQL
 * will not, so callers always await.
 */
export interface Transactional {
	transaction<T>(work: () => Promise<T>): Promise<T>;
}
