/**
 * Residents, phone codes, calendar, files, problems, demands, notifications: the PostgreSQL form
 * of SQLite migration 3 (no later migration alters these tables). Differences, and why:
 * - `phone_codes.seq` and `demand_photos.seq` stand in for SQLite's rowid, which the stores
 *   order by (insertion order breaks ties).
 * - `files.data` holds the bytes: instances of a cluster share the database but not a disk.
 *   The database itself refuses a row whose size or SHA-256 does not match its bytes.
 * - `demands.urgent` is a BOOLEAN (SQLite's 0/1).
 */
export const CHAIN_SCHEMA = `
CREATE TABLE residents (
	user_id TEXT PRIMARY KEY REFERENCES users(id),
	community_id TEXT NOT NULL REFERENCES units(id),
	grid_id TEXT NOT NULL REFERENCES units(id),
	building_id TEXT REFERENCES units(id),
	room TEXT NOT NULL DEFAULT '',
	phone TEXT UNIQUE,
	status TEXT NOT NULL CHECK (status IN ('pending','active')),
	confirmed_by TEXT,
	created_at BIGINT NOT NULL
);
CREATE INDEX residents_community ON residents(community_id, status);
CREATE INDEX residents_grid ON residents(grid_id, status);

CREATE TABLE phone_codes (
	id TEXT PRIMARY KEY,
	seq BIGSERIAL NOT NULL,
	phone TEXT NOT NULL,
	purpose TEXT NOT NULL,
	code_hash TEXT NOT NULL,
	attempts INTEGER NOT NULL DEFAULT 0,
	created_at BIGINT NOT NULL,
	expires_at BIGINT NOT NULL,
	used_at BIGINT
);
CREATE INDEX phone_codes_phone ON phone_codes(phone, created_at);

CREATE TABLE calendar_days (
	date TEXT PRIMARY KEY,
	kind TEXT NOT NULL CHECK (kind IN ('holiday','workday')),
	name TEXT NOT NULL
);

CREATE TABLE files (
	id TEXT PRIMARY KEY,
	community_id TEXT NOT NULL REFERENCES units(id),
	owner_id TEXT NOT NULL REFERENCES users(id),
	type TEXT NOT NULL,
	size INTEGER NOT NULL,
	sha256 TEXT NOT NULL,
	created_at BIGINT NOT NULL,
	data BYTEA NOT NULL,
	CHECK (octet_length(data) = size),
	CHECK (encode(sha256(data), 'hex') = sha256)
);
-- Photos are already compressed: store them out of line without trying to compress them again.
ALTER TABLE files ALTER COLUMN data SET STORAGE EXTERNAL;

CREATE TABLE problems (
	id TEXT PRIMARY KEY,
	community_id TEXT NOT NULL REFERENCES units(id),
	category TEXT NOT NULL,
	grid_id TEXT REFERENCES units(id),
	building_id TEXT REFERENCES units(id),
	title TEXT NOT NULL,
	created_by TEXT NOT NULL REFERENCES users(id),
	created_at BIGINT NOT NULL,
	board_id TEXT
);
CREATE INDEX problems_community ON problems(community_id, created_at);

CREATE TABLE demands (
	id TEXT PRIMARY KEY,
	community_id TEXT NOT NULL REFERENCES units(id),
	grid_id TEXT NOT NULL REFERENCES units(id),
	building_id TEXT REFERENCES units(id),
	category TEXT NOT NULL,
	description TEXT NOT NULL,
	urgent BOOLEAN NOT NULL,
	visibility TEXT NOT NULL CHECK (visibility IN ('private','public')),
	about TEXT,
	resident_id TEXT REFERENCES users(id),
	resident_name TEXT,
	entered_by TEXT REFERENCES users(id),
	state TEXT NOT NULL,
	level TEXT NOT NULL CHECK (level IN ('grid','community','street')),
	assignee TEXT REFERENCES users(id),
	filed_at BIGINT NOT NULL,
	take_by BIGINT,
	resolve_by BIGINT,
	taken_at BIGINT,
	resolved_at BIGINT,
	closed_at BIGINT,
	rating TEXT CHECK (rating IN ('satisfied','unsatisfied')),
	resolution TEXT,
	problem_id TEXT REFERENCES problems(id),
	updated_at BIGINT NOT NULL,
	CHECK (resident_id IS NOT NULL OR (resident_name IS NOT NULL AND entered_by IS NOT NULL))
);
CREATE INDEX demands_community ON demands(community_id, filed_at);
CREATE INDEX demands_grid ON demands(grid_id, state);
CREATE INDEX demands_resident ON demands(resident_id, filed_at);
CREATE INDEX demands_assignee ON demands(assignee, state);
CREATE INDEX demands_open_take ON demands(take_by) WHERE take_by IS NOT NULL;
CREATE INDEX demands_open_resolve ON demands(resolve_by) WHERE resolve_by IS NOT NULL;

CREATE TABLE demand_events (
	id BIGSERIAL PRIMARY KEY,
	demand_id TEXT NOT NULL REFERENCES demands(id),
	at BIGINT NOT NULL,
	actor TEXT,
	kind TEXT NOT NULL,
	detail TEXT
);
CREATE INDEX demand_events_demand ON demand_events(demand_id, id);

CREATE TABLE demand_photos (
	demand_id TEXT NOT NULL REFERENCES demands(id),
	file_id TEXT NOT NULL REFERENCES files(id),
	stage TEXT NOT NULL CHECK (stage IN ('filed','resolved')),
	seq BIGSERIAL NOT NULL,
	PRIMARY KEY (demand_id, file_id)
);
CREATE INDEX demand_photos_file ON demand_photos(file_id);

CREATE TABLE notifications (
	id BIGSERIAL PRIMARY KEY,
	user_id TEXT NOT NULL REFERENCES users(id),
	at BIGINT NOT NULL,
	kind TEXT NOT NULL,
	demand_id TEXT REFERENCES demands(id),
	detail TEXT,
	read_at BIGINT
);
CREATE INDEX notifications_user ON notifications(user_id, id);
`;
