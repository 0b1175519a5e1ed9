import Database from 'better-sqlite3';
import { AsyncLocalStorage } from 'node:async_hooks';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import type { Transactional } from '../Transactional';
import { MIGRATIONS } from './migrations';
import { WalCheckpointer } from './WalCheckpointer';

/**
 * One better-sqlite3 connection in WAL mode, shared by every SQLite store. Transactions are
 * serialised through a promise chain: SQLite has one writer, and an `await` inside a
 * transaction must not let a second transaction's BEGIN interleave with the first.
 */
export class SqliteDatabase implements Transactional {
	readonly db: Database.Database;
	#chain: Promise<unknown> = Promise.resolve();
	// Which async context is inside a transaction: a plain depth counter would let an unrelated
	// request that awaits meanwhile join (and commit or roll back with) someone else's work.
	#inside = new AsyncLocalStorage<true>();
	readonly #statements = new Map<string, Database.Statement>();
	/** Null for an in-memory database (no WAL). */
	readonly #checkpointer: WalCheckpointer | null = null;

	constructor(file: string) {
		if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true });
		this.db = new Database(file);
		this.db.pragma('journal_mode = WAL');
		// NORMAL is durable across a process crash (kill -9) in WAL mode; only a power loss can
		// drop the last transactions. FULL would fsync every commit.
		this.db.pragma('synchronous = NORMAL');
		this.db.pragma('foreign_keys = ON');
		this.db.pragma('busy_timeout = 5000');
		this.migrate();
		if (file !== ':memory:') this.#checkpointer = new WalCheckpointer(this.db, file);
	}

	private migrate() {
		const version = this.db.pragma('user_version', { simple: true }) as number;
		for (let v = version; v < MIGRATIONS.length; v++) {
			const sql = MIGRATIONS[v]!;
			this.db.transaction(() => {
				this.db.exec(sql);
				this.db.pragma(`user_version = ${v + 1}`);
			})();
		}
	}

	async transaction<T>(work: () => Promise<T>): Promise<T> {
		// Nested calls join the open transaction.
		if (this.#inside.getStore()) return work();
		const run = () =>
			this.#inside.run(true, async () => {
				this.db.exec('BEGIN IMMEDIATE');
				try {
					const result = await work();
					this.db.exec('COMMIT');
					return result;
				} catch (error) {
					if (this.db.inTransaction) this.db.exec('ROLLBACK');
					throw error;
				}
			});
		const next = this.#chain.then(run, run);
		this.#chain = next.catch(() => undefined);
		return next;
	}

	/**
	 * Runs a write outside any transaction after the transactions queued before it, so it can
	 * never be swept into (and rolled back with) a transaction another request has open.
	 */
	write<T>(fn: () => T): Promise<T> {
		if (this.#inside.getStore()) return Promise.resolve().then(fn);
		const next = this.#chain.then(fn, fn);
		this.#chain = next.catch(() => undefined);
		return next;
	}

	/**
	 * A prepared statement, compiled once per SQL text and kept: preparing costs more than running
	 * a small query, and the Yjs endpoint runs a few per edit (a profile of a 200 edits/s fan-out
	 * showed better-sqlite3's `prepare` above its own inserts). For hot paths; statements are
	 * never iterated, so one object per text is safe to share.
	 */
	prepare(sql: string): Database.Statement {
		let statement = this.#statements.get(sql);
		if (!statement) {
			statement = this.db.prepare(sql);
			this.#statements.set(sql, statement);
		}
		return statement;
	}

	async close() {
		this.#statements.clear();
		await this.#checkpointer?.close();
		if (this.db.open) this.db.close();
	}
}
