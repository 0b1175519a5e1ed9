import type { AuditEntry, StoredAuditEntry } from './types';

/**
 * The audit log is append-only: this interface has no way to change or remove an entry, and the
 * SQLite implementation refuses UPDATE and DELETE on the table itself (migration 2), so neither
 * the application nor a bug in it can rewrite the record.
 */
export interface AuditLog {
	record(entry: AuditEntry): Promise<void>;
	/** Newest first, across every scope: for operators and tests. */
	recent(limit: number): Promise<StoredAuditEntry[]>;
	/**
	 * Newest first, the entries scoped to one of `scopes` (plus the unscoped ones when
	 * `unscoped`), with ids below `before` when given.
	 */
	inScopes(query: {
		scopes: readonly string[];
		unscoped: boolean;
		limit: number;
		before?: number;
	}): Promise<StoredAuditEntry[]>;
}
