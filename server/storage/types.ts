import type { AuditAction } from '../../src/lib/domain/audit';
import type { DocKind } from '../../src/lib/domain/policy';
import type { Role, UnitKind } from '../../src/lib/domain/roles';

export interface User {
	id: string;
	username: string;
	displayName: string;
	disabled: boolean;
	createdAt: number;
}

export interface Session {
	/** SHA-256 of the token, hex. The token itself is never stored. */
	id: string;
	userId: string;
	expiresAt: number;
	createdAt: number;
}

export interface Unit {
	id: string;
	parentId: string | null;
	kind: UnitKind;
	name: string;
	nameEn: string;
}

export interface Membership {
	userId: string;
	unitId: string;
	role: Role;
	createdAt: number;
}

export interface DocumentRecord {
	/** For an agenda a short id; for a board its automerge document id. */
	id: string;
	kind: DocKind;
	communityId: string;
	title: string;
	schemaVersion: number;
	createdBy: string;
	createdAt: number;
}

export interface Invite {
	/** SHA-256 of the one-time token, hex. */
	id: string;
	unitId: string;
	role: Role;
	createdBy: string;
	createdAt: number;
	expiresAt: number;
	usedAt: number | null;
	usedBy: string | null;
	revokedAt: number | null;
}

export interface ResetCode {
	id: string;
	userId: string;
	createdBy: string;
	expiresAt: number;
	usedAt: number | null;
}

export interface AuditEntry {
	at: number;
	/** Who acted; null when nobody was logged in (a failed login). */
	userId: string | null;
	action: AuditAction;
	target: string;
	/** The unit the entry is about (community or district), null for account-level entries. */
	scope: string | null;
	detail?: Record<string, unknown>;
}

/** A stored entry: its id orders entries and pages through them. */
export interface StoredAuditEntry extends AuditEntry {
	id: number;
}
