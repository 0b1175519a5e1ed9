import type { AuditEntry } from './types';

export interface AuditLog {
	record(entry: AuditEntry): Promise<void>;
	recent(limit: number): Promise<AuditEntry[]>;
}
