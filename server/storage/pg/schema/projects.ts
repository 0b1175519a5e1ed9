/**
 * Projects, evaluation, resources and board files: the PostgreSQL form of SQLite migrations 4
 * to 7 (no later migration alters them). Timestamps are BIGINT milliseconds, as in SQLite.
 *
 * Where the SQLite stores order by `rowid` (insertion order breaking a tie on time), the table
 * has a `seq BIGSERIAL` column that does the same. Triggers keep SQLite's rules in the database
 * itself, for any client: stage moves, pledge revisions and requests are never deleted or
 * rewritten, a request is decided or withdrawn once, an item is withdrawn rather than deleted.
 * TRUNCATE, which skips row triggers, is refused on those tables too. The stores break ties on
 * text ids with COLLATE "C": SQLite compares bytes, whatever the database's locale.
 */
export const PROJECTS_SCHEMA = `
CREATE TABLE projects (
	board_id TEXT PRIMARY KEY REFERENCES documents(id),
	community_id TEXT NOT NULL REFERENCES units(id),
	level TEXT NOT NULL CHECK (level IN ('district','street','community','department')),
	unit_id TEXT NOT NULL,
	category TEXT NOT NULL,
	stage TEXT NOT NULL CHECK (stage IN ('topic','pledge','delivery','evaluation','closed')),
	created_by TEXT NOT NULL,
	created_at BIGINT NOT NULL,
	updated_at BIGINT NOT NULL
);
CREATE INDEX projects_community ON projects(community_id, stage);

CREATE TABLE pledge_revisions (
	board_id TEXT NOT NULL REFERENCES projects(board_id),
	revision INTEGER NOT NULL CHECK (revision >= 1),
	snapshot TEXT NOT NULL,
	reason TEXT,
	author_id TEXT NOT NULL,
	at BIGINT NOT NULL,
	PRIMARY KEY (board_id, revision)
);
CREATE TRIGGER pledge_revisions_append_only BEFORE UPDATE OR DELETE ON pledge_revisions
	FOR EACH ROW EXECUTE FUNCTION gongzhi_append_only();
CREATE TRIGGER pledge_revisions_no_truncate BEFORE TRUNCATE ON pledge_revisions
	FOR EACH STATEMENT EXECUTE FUNCTION gongzhi_append_only();

CREATE TABLE stage_moves (
	id BIGSERIAL PRIMARY KEY,
	board_id TEXT NOT NULL REFERENCES projects(board_id),
	from_stage TEXT NOT NULL,
	to_stage TEXT NOT NULL,
	reason TEXT,
	author_id TEXT NOT NULL,
	at BIGINT NOT NULL
);
CREATE INDEX stage_moves_board ON stage_moves(board_id, id);
CREATE TRIGGER stage_moves_append_only BEFORE UPDATE OR DELETE ON stage_moves
	FOR EACH ROW EXECUTE FUNCTION gongzhi_append_only();
CREATE TRIGGER stage_moves_no_truncate BEFORE TRUNCATE ON stage_moves
	FOR EACH STATEMENT EXECUTE FUNCTION gongzhi_append_only();

CREATE TABLE completion_reports (
	id TEXT PRIMARY KEY,
	seq BIGSERIAL NOT NULL,
	board_id TEXT NOT NULL REFERENCES documents(id),
	text TEXT NOT NULL,
	author_id TEXT NOT NULL REFERENCES users(id),
	at BIGINT NOT NULL
);
CREATE INDEX completion_reports_board ON completion_reports(board_id, at);

CREATE TABLE acceptance_records (
	board_id TEXT NOT NULL REFERENCES documents(id),
	round INTEGER NOT NULL,
	evaluator_id TEXT NOT NULL REFERENCES users(id),
	invited_by TEXT NOT NULL REFERENCES users(id),
	invited_at BIGINT NOT NULL,
	verdict TEXT CHECK (verdict IN ('pass','pass_with_remarks','fail')),
	remarks TEXT NOT NULL DEFAULT '',
	signed_at BIGINT,
	PRIMARY KEY (board_id, round, evaluator_id)
);

-- DOUBLE PRECISION, not REAL: PostgreSQL's REAL is 4 bytes and would read 0.8 back as 0.800000011.
CREATE TABLE surveys (
	id TEXT PRIMARY KEY,
	board_id TEXT NOT NULL REFERENCES documents(id),
	round INTEGER NOT NULL,
	opened_at BIGINT NOT NULL,
	opened_by TEXT NOT NULL REFERENCES users(id),
	closes_at BIGINT NOT NULL,
	closed_at BIGINT,
	closed_by TEXT,
	threshold DOUBLE PRECISION NOT NULL DEFAULT 0.8 CHECK (threshold > 0 AND threshold <= 1),
	outcome TEXT CHECK (outcome IN ('passed','rectification')),
	UNIQUE (board_id, round)
);
CREATE INDEX surveys_open ON surveys(closes_at) WHERE closed_at IS NULL;

CREATE TABLE survey_electorate (
	survey_id TEXT NOT NULL REFERENCES surveys(id),
	user_id TEXT NOT NULL REFERENCES users(id),
	PRIMARY KEY (survey_id, user_id)
);

-- A vote must come from the frozen electorate: the foreign key makes the database refuse
-- any other, whatever the code above it does.
CREATE TABLE survey_votes (
	survey_id TEXT NOT NULL,
	user_id TEXT NOT NULL,
	choice TEXT NOT NULL CHECK (choice IN
		('very_satisfied','satisfied','neutral','dissatisfied','very_dissatisfied')),
	comment TEXT NOT NULL DEFAULT '',
	updated_at BIGINT NOT NULL,
	PRIMARY KEY (survey_id, user_id),
	FOREIGN KEY (survey_id, user_id) REFERENCES survey_electorate(survey_id, user_id)
);

CREATE TABLE rectifications (
	id TEXT PRIMARY KEY,
	seq BIGSERIAL NOT NULL,
	board_id TEXT NOT NULL REFERENCES documents(id),
	round INTEGER NOT NULL,
	item TEXT NOT NULL,
	task_id TEXT NOT NULL,
	created_by TEXT NOT NULL REFERENCES users(id),
	created_at BIGINT NOT NULL,
	done_at BIGINT
);
CREATE INDEX rectifications_board ON rectifications(board_id, round);

CREATE TABLE resource_items (
	id TEXT PRIMARY KEY,
	seq BIGSERIAL NOT NULL,
	unit_id TEXT NOT NULL REFERENCES units(id),
	kind TEXT NOT NULL CHECK (kind IN ('policy','funds','technical','other')),
	title TEXT NOT NULL,
	description TEXT NOT NULL DEFAULT '',
	department TEXT NOT NULL,
	contact TEXT NOT NULL,
	active BOOLEAN NOT NULL DEFAULT TRUE,
	created_by TEXT NOT NULL,
	created_at BIGINT NOT NULL,
	updated_by TEXT NOT NULL,
	updated_at BIGINT NOT NULL
);
CREATE INDEX resource_items_unit ON resource_items(unit_id, kind);

CREATE FUNCTION gongzhi_resource_items_never_deleted() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	RAISE EXCEPTION 'resource items are withdrawn, never deleted' USING ERRCODE = 'restrict_violation';
END $$;
CREATE TRIGGER resource_items_no_delete BEFORE DELETE ON resource_items
	FOR EACH ROW EXECUTE FUNCTION gongzhi_resource_items_never_deleted();
CREATE TRIGGER resource_items_no_truncate BEFORE TRUNCATE ON resource_items
	FOR EACH STATEMENT EXECUTE FUNCTION gongzhi_resource_items_never_deleted();

CREATE TABLE resource_requests (
	id TEXT PRIMARY KEY,
	seq BIGSERIAL NOT NULL,
	resource_id TEXT NOT NULL REFERENCES resource_items(id),
	board_id TEXT NOT NULL REFERENCES documents(id),
	community_id TEXT NOT NULL REFERENCES units(id),
	note TEXT NOT NULL DEFAULT '',
	state TEXT NOT NULL DEFAULT 'pending'
		CHECK (state IN ('pending','accepted','declined','withdrawn')),
	requested_by TEXT NOT NULL,
	requested_at BIGINT NOT NULL,
	closed_by TEXT,
	closed_at BIGINT,
	comment TEXT NOT NULL DEFAULT ''
);
CREATE INDEX resource_requests_board ON resource_requests(board_id, requested_at);
CREATE INDEX resource_requests_item ON resource_requests(resource_id, state);
-- One open request per board and item: asking twice while waiting is the same request.
CREATE UNIQUE INDEX resource_requests_one_pending ON resource_requests(resource_id, board_id)
	WHERE state = 'pending';

-- A request leaves pending once; what was asked, for which board, by whom and when never change.
CREATE FUNCTION gongzhi_resource_request_closed_once() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	IF OLD.state <> 'pending'
		OR NEW.id IS DISTINCT FROM OLD.id OR NEW.seq IS DISTINCT FROM OLD.seq
		OR NEW.resource_id IS DISTINCT FROM OLD.resource_id
		OR NEW.board_id IS DISTINCT FROM OLD.board_id
		OR NEW.community_id IS DISTINCT FROM OLD.community_id
		OR NEW.note IS DISTINCT FROM OLD.note
		OR NEW.requested_by IS DISTINCT FROM OLD.requested_by
		OR NEW.requested_at IS DISTINCT FROM OLD.requested_at THEN
		RAISE EXCEPTION 'a resource request is decided or withdrawn once'
			USING ERRCODE = 'restrict_violation';
	END IF;
	RETURN NEW;
END $$;
CREATE TRIGGER resource_requests_closed_once BEFORE UPDATE ON resource_requests
	FOR EACH ROW EXECUTE FUNCTION gongzhi_resource_request_closed_once();
CREATE TRIGGER resource_requests_no_delete BEFORE DELETE ON resource_requests
	FOR EACH ROW EXECUTE FUNCTION gongzhi_append_only();
CREATE TRIGGER resource_requests_no_truncate BEFORE TRUNCATE ON resource_requests
	FOR EACH STATEMENT EXECUTE FUNCTION gongzhi_append_only();

-- A file is a board's only through this row (files is the chain schema's table).
CREATE TABLE board_files (
	doc_id TEXT NOT NULL REFERENCES documents(id),
	file_id TEXT NOT NULL REFERENCES files(id),
	user_id TEXT NOT NULL REFERENCES users(id),
	at BIGINT NOT NULL,
	PRIMARY KEY (doc_id, file_id)
);
CREATE INDEX board_files_file ON board_files(file_id);
`;
