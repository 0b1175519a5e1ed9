/**
 * Accounts, the organisation, the document registry, the CRDT logs and the audit log: the
 * PostgreSQL form of SQLite migrations 1 and 2. Timestamps are BIGINT milliseconds, as in
 * SQLite; bytes are BYTEA; usernames compare case-insensitively through a unique index on
 * lower(username) (SQLite's COLLATE NOCASE).
 */
export const CORE_SCHEMA = `
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
	username TEXT NOT NULL,
	display_name TEXT NOT NULL,
	password_hash TEXT NOT NULL,
	disabled BOOLEAN NOT NULL DEFAULT FALSE,
	created_at BIGINT NOT NULL
);
CREATE UNIQUE INDEX users_username ON users(lower(username));

CREATE TABLE memberships (
	user_id TEXT NOT NULL REFERENCES users(id),
	unit_id TEXT NOT NULL REFERENCES units(id),
	role TEXT NOT NULL,
	created_at BIGINT NOT NULL,
	-- Insertion order for memberships made in the same millisecond (SQLite's rowid).
	ord BIGSERIAL NOT NULL,
	PRIMARY KEY (user_id, unit_id, role)
);
CREATE INDEX memberships_unit ON memberships(unit_id);

CREATE TABLE sessions (
	id TEXT PRIMARY KEY,
	user_id TEXT NOT NULL REFERENCES users(id),
	expires_at BIGINT NOT NULL,
	created_at BIGINT NOT NULL
);
CREATE INDEX sessions_user ON sessions(user_id);

CREATE TABLE invites (
	id TEXT PRIMARY KEY,
	unit_id TEXT NOT NULL REFERENCES units(id),
	role TEXT NOT NULL,
	created_by TEXT NOT NULL REFERENCES users(id),
	created_at BIGINT NOT NULL,
	expires_at BIGINT NOT NULL,
	used_at BIGINT,
	used_by TEXT,
	revoked_at BIGINT
);

CREATE TABLE reset_codes (
	id TEXT PRIMARY KEY,
	user_id TEXT NOT NULL REFERENCES users(id),
	created_by TEXT NOT NULL REFERENCES users(id),
	expires_at BIGINT NOT NULL,
	used_at BIGINT
);

CREATE TABLE documents (
	id TEXT PRIMARY KEY,
	kind TEXT NOT NULL,
	community_id TEXT NOT NULL REFERENCES units(id),
	title TEXT NOT NULL,
	schema_version INTEGER NOT NULL,
	created_by TEXT NOT NULL,
	created_at BIGINT NOT NULL
);
CREATE INDEX documents_community ON documents(community_id);

CREATE TABLE yjs_updates (
	seq BIGSERIAL PRIMARY KEY,
	doc_id TEXT NOT NULL,
	data BYTEA NOT NULL,
	user_id TEXT NOT NULL,
	at BIGINT NOT NULL
);
CREATE INDEX yjs_updates_doc ON yjs_updates(doc_id, seq);

CREATE TABLE yjs_clients (
	doc_id TEXT NOT NULL,
	client_id BIGINT NOT NULL,
	user_id TEXT NOT NULL,
	first_seen BIGINT NOT NULL,
	PRIMARY KEY (doc_id, client_id)
);

CREATE TABLE automerge_chunks (
	seq BIGSERIAL PRIMARY KEY,
	doc_id TEXT NOT NULL,
	kind TEXT NOT NULL CHECK (kind IN ('change','snapshot')),
	hash TEXT,
	data BYTEA NOT NULL
);
CREATE INDEX automerge_chunks_doc ON automerge_chunks(doc_id, seq);

CREATE TABLE automerge_changes (
	doc_id TEXT NOT NULL,
	hash TEXT NOT NULL,
	user_id TEXT NOT NULL,
	at BIGINT NOT NULL,
	-- Acceptance order for changes accepted in the same millisecond (SQLite's rowid).
	ord BIGSERIAL NOT NULL,
	PRIMARY KEY (doc_id, hash)
);

CREATE TABLE audit_log (
	id BIGSERIAL PRIMARY KEY,
	at BIGINT NOT NULL,
	user_id TEXT,
	action TEXT NOT NULL,
	target TEXT NOT NULL,
	detail TEXT,
	scope TEXT
);
CREATE INDEX audit_log_scope ON audit_log(scope, id);

-- One trigger function for every append-only table: the table's name says which refused.
CREATE FUNCTION gongzhi_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	RAISE EXCEPTION '% is append-only', TG_TABLE_NAME USING ERRCODE = 'restrict_violation';
END $$;

CREATE TRIGGER audit_log_no_update BEFORE UPDATE OR DELETE ON audit_log
	FOR EACH ROW EXECUTE FUNCTION gongzhi_append_only();
CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log
	FOR EACH STATEMENT EXECUTE FUNCTION gongzhi_append_only();
`;
