/**
 * Schema migrations, applied in order once each; `PRAGMA user_version` records how far a
 * database has come. Never edit a migration that has shipped: add the next one.
 */
export const MIGRATIONS: readonly string[] = [
	`
	CREATE TABLE units (
		id TEXT PRIMARY KEY,
		parent_id TEXT REFERENCES units(id),
		kind TEXT NOT NULL CHECK (kind IN ('district','street','community','grid','building')),
		name TEXT NOT NULL,
		name_en TEXT NOT NULL DEFAULT ''
	);
	CREATE INDEX units_parent ON units(parent_id);

	CREATE TABLE users (
		id TEXT PRIMARY KEY,
		username TEXT NOT NULL UNIQUE COLLATE NOCASE,
		display_name TEXT NOT NULL,
		password_hash TEXT NOT NULL,
		disabled INTEGER NOT NULL DEFAULT 0,
		created_at INTEGER NOT NULL
	);

	CREATE TABLE memberships (
		user_id TEXT NOT NULL REFERENCES users(id),
		unit_id TEXT NOT NULL REFERENCES units(id),
		role TEXT NOT NULL,
		created_at INTEGER NOT NULL,
		PRIMARY KEY (user_id, unit_id, role)
	);
	CREATE INDEX memberships_unit ON memberships(unit_id);

	CREATE TABLE sessions (
		id TEXT PRIMARY KEY,
		user_id TEXT NOT NULL REFERENCES users(id),
		expires_at INTEGER NOT NULL,
		created_at INTEGER NOT NULL
	);
	CREATE INDEX sessions_user ON sessions(user_id);

	CREATE TABLE invites (
		id TEXT PRIMARY KEY,
		unit_id TEXT NOT NULL REFERENCES units(id),
		role TEXT NOT NULL,
		created_by TEXT NOT NULL REFERENCES users(id),
		created_at INTEGER NOT NULL,
		expires_at INTEGER NOT NULL,
		used_at INTEGER,
		used_by TEXT,
		revoked_at INTEGER
	);

	CREATE TABLE reset_codes (
		id TEXT PRIMARY KEY,
		user_id TEXT NOT NULL REFERENCES users(id),
		created_by TEXT NOT NULL REFERENCES users(id),
		expires_at INTEGER NOT NULL,
		used_at INTEGER
	);

	CREATE TABLE documents (
		id TEXT PRIMARY KEY,
		kind TEXT NOT NULL,
		community_id TEXT NOT NULL REFERENCES units(id),
		title TEXT NOT NULL,
		schema_version INTEGER NOT NULL,
		created_by TEXT NOT NULL,
		created_at INTEGER NOT NULL
	);
	CREATE INDEX documents_community ON documents(community_id);

	CREATE TABLE yjs_updates (
		seq INTEGER PRIMARY KEY AUTOINCREMENT,
		doc_id TEXT NOT NULL,
		data BLOB NOT NULL,
		user_id TEXT NOT NULL,
		at INTEGER NOT NULL
	);
	CREATE INDEX yjs_updates_doc ON yjs_updates(doc_id, seq);

	CREATE TABLE yjs_clients (
		doc_id TEXT NOT NULL,
		client_id INTEGER NOT NULL,
		user_id TEXT NOT NULL,
		first_seen INTEGER NOT NULL,
		PRIMARY KEY (doc_id, client_id)
	);

	CREATE TABLE automerge_chunks (
		seq INTEGER PRIMARY KEY AUTOINCREMENT,
		doc_id TEXT NOT NULL,
		kind TEXT NOT NULL CHECK (kind IN ('change','snapshot')),
		hash TEXT,
		data BLOB NOT NULL
	);
	CREATE INDEX automerge_chunks_doc ON automerge_chunks(doc_id, seq);

	CREATE TABLE automerge_changes (
		doc_id TEXT NOT NULL,
		hash TEXT NOT NULL,
		user_id TEXT NOT NULL,
		at INTEGER NOT NULL,
		PRIMARY KEY (doc_id, hash)
	);

	CREATE TABLE audit_log (
		id INTEGER PRIMARY KEY AUTOINCREMENT,
		at INTEGER NOT NULL,
		user_id TEXT,
		action TEXT NOT NULL,
		target TEXT NOT NULL,
		detail TEXT
	);
	`,
	// 2: the audit log gets the unit each entry is about, so a secretary and a district
	// administrator can each read their own part; and it becomes append-only in the database
	// itself, so no code path (nor a bug in one) can rewrite or remove what was recorded.
	`
	ALTER TABLE audit_log ADD COLUMN scope TEXT;
	CREATE INDEX audit_log_scope ON audit_log(scope, id);
	CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
	BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;
	CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
	BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;
	`
];
