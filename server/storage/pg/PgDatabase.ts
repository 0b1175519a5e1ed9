import { AsyncLocalStorage } from 'node:async_hooks';
import pg from 'pg';
import type { Transactional } from '../Transactional';
import { PG_MIGRATIONS } from './migrations';

/** Values a query may bind: what node-postgres turns into parameters. */
export type PgValue = string | number | boolean | null | Uint8Array;

// Timestamps are BIGINT milliseconds and sequence numbers BIGSERIAL: read them back as numbers
// (node-postgres gives strings, to be safe past 2^53; ours stay far below it). Process-wide:
// this process has no other PostgreSQL client.
pg.types.setTypeParser(pg.types.builtins.INT8, (v: string) => Number(v));

/** Errors a query may throw: the SQLSTATE code, for stores that turn a constraint into a result. */
export function pgErrorCode(error: unknown): string | undefined {
	if (typeof error !== 'object' || error === null || !('code' in error)) return undefined;
	return String(error.code);
}

/** A unique or primary-key violation (SQLSTATE 23505). */
export const isUniqueViolation = (error: unknown) => pgErrorCode(error) === '23505';

/** Bytes from a BYTEA column as a plain Uint8Array (node-postgres hands out Buffers). */
export const bytes = (b: Buffer): Uint8Array =>
	new Uint8Array(b.buffer, b.byteOffset, b.byteLength);

/**
 * A PostgreSQL connection pool shared by every PostgreSQL store, with the same transaction
 * semantics as `SqliteDatabase`: work passed to `transaction` runs on one connection between
 * BEGIN and COMMIT, calls made from inside it (found through AsyncLocalStorage, never by a handle)
 * join it, and calls made from anywhere else use another connection and are not rolled back
 * with it.
 *
 * Transactions are serialised like SQLite's single writer: in this process by a promise chain,
 * and across instances by a transaction-scoped advisory lock. The stores' compare-and-set steps
 * (read, check, write) were written for one writer; running them under a weaker isolation would
 * let two instances both pass the check. Single statements outside transactions (the Yjs and
 * Automerge appends, the hot paths) are not serialised.
 */
export class PgDatabase implements Transactional {
	readonly pool: pg.Pool;
	#chain: Promise<unknown> = Promise.resolve();
	#inside = new AsyncLocalStorage<pg.PoolClient>();

	private constructor(pool: pg.Pool) {
		this.pool = pool;
	}

	/** Connects and brings the schema up to date (once, even when several instances start). */
	static async open(url: string, options: { max?: number } = {}): Promise<PgDatabase> {
		const pool = new pg.Pool({ connectionString: url, max: options.max ?? 10 });
		// An idle connection the server drops must not crash the process; the pool replaces it.
		pool.on('error', () => undefined);
		const db = new PgDatabase(pool);
		try {
			await db.migrate();
		} catch (error) {
			await pool.end();
			throw error;
		}
		return db;
	}

	private async migrate() {
		const client = await this.pool.connect();
		try {
			// One instance migrates at a time; the others wait, then find nothing left to do.
			await client.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK]);
			await client.query(
				'CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, applied_at BIGINT NOT NULL)'
			);
			const { rows } = await client.query<{ v: number | null }>(
				'SELECT MAX(version) AS v FROM schema_migrations'
			);
			for (let v = rows[0]?.v ?? 0; v < PG_MIGRATIONS.length; v++) {
				await client.query('BEGIN');
				try {
					await client.query(PG_MIGRATIONS[v]!);
					await client.query(
						'INSERT INTO schema_migrations (version, applied_at) VALUES ($1, $2)',
						[v + 1, Date.now()]
					);
					await client.query('COMMIT');
				} catch (error) {
					await client.query('ROLLBACK');
					throw new Error(`PostgreSQL migration ${v + 1} failed: ${String(error)}`, {
						cause: error
					});
				}
			}
		} finally {
			await client.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK]).catch(() => undefined);
			client.release();
		}
	}

	/** Rows of a query, on the open transaction's connection when called from inside one. */
	async query<R extends object>(sql: string, params: readonly PgValue[] = []): Promise<R[]> {
		const client = this.#inside.getStore();
		const result = await (client ?? this.pool).query<R>(sql, params as PgValue[]);
		return result.rows;
	}

	/** The first row of a query, or undefined. */
	async one<R extends object>(
		sql: string,
		params: readonly PgValue[] = []
	): Promise<R | undefined> {
		return (await this.query<R>(sql, params))[0];
	}

	/** Runs a statement; returns how many rows it changed. */
	async run(sql: string, params: readonly PgValue[] = []): Promise<number> {
		const client = this.#inside.getStore();
		const result = await (client ?? this.pool).query(sql, params as PgValue[]);
		return result.rowCount ?? 0;
	}

	/** True while the caller runs inside `transaction`. */
	get inTransaction(): boolean {
		return this.#inside.getStore() !== undefined;
	}

	async transaction<T>(work: () => Promise<T>): Promise<T> {
		// Nested calls join the open transaction.
		if (this.#inside.getStore()) return work();
		const run = async () => {
			const client = await this.pool.connect();
			let broken = false;
			try {
				await client.query('BEGIN');
				await client.query('SELECT pg_advisory_xact_lock($1)', [TRANSACTION_LOCK]);
				const result = await this.#inside.run(client, work);
				await client.query('COMMIT');
				return result;
			} catch (error) {
				try {
					await client.query('ROLLBACK');
				} catch {
					broken = true;
				}
				throw error;
			} finally {
				// A connection whose ROLLBACK failed is in an unknown state: drop it, not reuse it.
				client.release(broken);
			}
		};
		const next = this.#chain.then(run, run);
		this.#chain = next.catch(() => undefined);
		return next;
	}

	async close() {
		await this.#chain.catch(() => undefined);
		await this.pool.end();
	}
}

// Advisory lock keys: two fixed numbers no other program on the database is expected to use.
const MIGRATION_LOCK = 7_130_600_001;
const TRANSACTION_LOCK = 7_130_600_002;
