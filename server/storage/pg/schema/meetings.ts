/**
 * Meetings, action lists, decision tasks, agenda versions, comments: the PostgreSQL form of
 * SQLite migrations 8 to 11. Lists (committees, other parties, mentions) stay JSON in TEXT, as in
 * SQLite. SQLite's RAISE triggers become plpgsql functions; plain append-only tables reuse
 * `gongzhi_append_only()` from the core schema. TRUNCATE skips row triggers, so every table that
 * refuses DELETE refuses TRUNCATE too.
 */
export const MEETINGS_SCHEMA = `
CREATE TABLE meetings (
	id TEXT PRIMARY KEY,
	community_id TEXT NOT NULL REFERENCES units(id),
	title TEXT NOT NULL,
	starts_at BIGINT NOT NULL,
	place TEXT NOT NULL,
	committees TEXT NOT NULL,
	other_parties TEXT NOT NULL,
	state TEXT NOT NULL
		CHECK (state IN ('draft','published','in_session','minuted','correcting')),
	agenda_id TEXT NOT NULL REFERENCES documents(id),
	created_by TEXT NOT NULL,
	created_at BIGINT NOT NULL,
	updated_at BIGINT NOT NULL
);
CREATE INDEX meetings_community ON meetings(community_id, starts_at);

CREATE TABLE meeting_moves (
	id BIGSERIAL PRIMARY KEY,
	meeting_id TEXT NOT NULL REFERENCES meetings(id),
	from_state TEXT,
	to_state TEXT NOT NULL,
	reason TEXT,
	author_id TEXT NOT NULL,
	at BIGINT NOT NULL
);
CREATE INDEX meeting_moves_meeting ON meeting_moves(meeting_id, id);
CREATE TRIGGER meeting_moves_no_update BEFORE UPDATE OR DELETE ON meeting_moves
	FOR EACH ROW EXECUTE FUNCTION gongzhi_append_only();
CREATE TRIGGER meeting_moves_no_truncate BEFORE TRUNCATE ON meeting_moves
	FOR EACH STATEMENT EXECUTE FUNCTION gongzhi_append_only();

CREATE TABLE agenda_revisions (
	meeting_id TEXT NOT NULL REFERENCES meetings(id),
	revision INTEGER NOT NULL CHECK (revision >= 1),
	agenda_id TEXT NOT NULL UNIQUE REFERENCES documents(id),
	based_on TEXT REFERENCES documents(id),
	reason TEXT,
	created_by TEXT NOT NULL,
	created_at BIGINT NOT NULL,
	PRIMARY KEY (meeting_id, revision)
);
CREATE TRIGGER agenda_revisions_no_update BEFORE UPDATE OR DELETE ON agenda_revisions
	FOR EACH ROW EXECUTE FUNCTION gongzhi_append_only();
CREATE TRIGGER agenda_revisions_no_truncate BEFORE TRUNCATE ON agenda_revisions
	FOR EACH STATEMENT EXECUTE FUNCTION gongzhi_append_only();

-- Rows kept for good that may still change in part (signatures, tasks, comments): the table's
-- name says which refused.
CREATE FUNCTION gongzhi_meeting_rows_kept() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	RAISE EXCEPTION '% are never deleted', TG_TABLE_NAME USING ERRCODE = 'restrict_violation';
END $$;

CREATE TABLE meeting_signatures (
	id BIGSERIAL PRIMARY KEY,
	meeting_id TEXT NOT NULL REFERENCES meetings(id),
	revision INTEGER NOT NULL,
	committee TEXT NOT NULL
		CHECK (committee IN ('residents_committee','owners_committee','property_company')),
	-- NULL: the minutes as a whole; an agenda item's id once items are nodes.
	item_id TEXT,
	signer_id TEXT NOT NULL REFERENCES users(id),
	signed_at BIGINT NOT NULL,
	withdrawn_at BIGINT,
	FOREIGN KEY (meeting_id, revision) REFERENCES agenda_revisions(meeting_id, revision)
);
-- One standing signature per committee, revision and item.
CREATE UNIQUE INDEX meeting_signatures_standing
	ON meeting_signatures(meeting_id, revision, committee, COALESCE(item_id, ''))
	WHERE withdrawn_at IS NULL;
CREATE TRIGGER meeting_signatures_no_delete BEFORE DELETE ON meeting_signatures
	FOR EACH ROW EXECUTE FUNCTION gongzhi_meeting_rows_kept();
CREATE TRIGGER meeting_signatures_no_truncate BEFORE TRUNCATE ON meeting_signatures
	FOR EACH STATEMENT EXECUTE FUNCTION gongzhi_meeting_rows_kept();

-- A signature only ever gains its withdrawal time, once; nothing else about it changes.
CREATE FUNCTION gongzhi_signature_only_withdrawn() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	IF OLD.withdrawn_at IS NOT NULL OR NEW.withdrawn_at IS NULL
		OR NEW.id IS DISTINCT FROM OLD.id OR NEW.meeting_id IS DISTINCT FROM OLD.meeting_id
		OR NEW.revision IS DISTINCT FROM OLD.revision OR NEW.committee IS DISTINCT FROM OLD.committee
		OR NEW.item_id IS DISTINCT FROM OLD.item_id OR NEW.signer_id IS DISTINCT FROM OLD.signer_id
		OR NEW.signed_at IS DISTINCT FROM OLD.signed_at THEN
		RAISE EXCEPTION 'a signature may only be withdrawn, once' USING ERRCODE = 'restrict_violation';
	END IF;
	RETURN NEW;
END $$;
CREATE TRIGGER meeting_signatures_only_withdrawn BEFORE UPDATE ON meeting_signatures
	FOR EACH ROW EXECUTE FUNCTION gongzhi_signature_only_withdrawn();

CREATE TABLE action_lists (
	community_id TEXT PRIMARY KEY REFERENCES units(id),
	board_id TEXT NOT NULL UNIQUE REFERENCES documents(id),
	created_by TEXT NOT NULL,
	created_at BIGINT NOT NULL
);

CREATE TABLE meeting_item_tasks (
	meeting_id TEXT NOT NULL REFERENCES meetings(id),
	item_id TEXT NOT NULL,
	revision INTEGER NOT NULL,
	board_id TEXT NOT NULL REFERENCES documents(id),
	task_id TEXT NOT NULL,
	target TEXT NOT NULL CHECK (target IN ('project','action_list')),
	created_at BIGINT NOT NULL,
	PRIMARY KEY (meeting_id, item_id)
);
CREATE TRIGGER meeting_item_tasks_no_delete BEFORE DELETE ON meeting_item_tasks
	FOR EACH ROW EXECUTE FUNCTION gongzhi_meeting_rows_kept();
CREATE TRIGGER meeting_item_tasks_no_truncate BEFORE TRUNCATE ON meeting_item_tasks
	FOR EACH STATEMENT EXECUTE FUNCTION gongzhi_meeting_rows_kept();

CREATE TABLE agenda_versions (
	id BIGSERIAL PRIMARY KEY,
	agenda_id TEXT NOT NULL REFERENCES documents(id),
	name TEXT NOT NULL,
	kind TEXT NOT NULL CHECK (kind IN ('named','before_restore')),
	author_id TEXT NOT NULL REFERENCES users(id),
	created_at BIGINT NOT NULL,
	state BYTEA NOT NULL
);
CREATE INDEX agenda_versions_agenda ON agenda_versions(agenda_id, kind);
CREATE TRIGGER agenda_versions_no_update BEFORE UPDATE OR DELETE ON agenda_versions
	FOR EACH ROW EXECUTE FUNCTION gongzhi_append_only();
CREATE TRIGGER agenda_versions_no_truncate BEFORE TRUNCATE ON agenda_versions
	FOR EACH STATEMENT EXECUTE FUNCTION gongzhi_append_only();

CREATE TABLE meeting_comments (
	id TEXT PRIMARY KEY,
	meeting_id TEXT NOT NULL REFERENCES meetings(id),
	agenda_id TEXT NOT NULL REFERENCES documents(id),
	item_id TEXT,
	anchor_start TEXT,
	anchor_end TEXT,
	quote TEXT,
	parent_id TEXT REFERENCES meeting_comments(id),
	author_id TEXT NOT NULL REFERENCES users(id),
	client_key TEXT NOT NULL,
	body TEXT NOT NULL,
	mentions TEXT NOT NULL DEFAULT '[]',
	created_at BIGINT NOT NULL,
	edited_at BIGINT,
	deleted_at BIGINT,
	resolved_at BIGINT,
	resolved_by TEXT REFERENCES users(id),
	hidden_at BIGINT,
	hidden_by TEXT REFERENCES users(id),
	hidden_reason TEXT,
	UNIQUE (author_id, client_key),
	CHECK ((anchor_start IS NULL) = (anchor_end IS NULL)),
	CHECK ((hidden_at IS NULL) = (hidden_reason IS NULL))
);
CREATE INDEX meeting_comments_meeting ON meeting_comments(meeting_id, created_at);
CREATE TRIGGER meeting_comments_no_delete BEFORE DELETE ON meeting_comments
	FOR EACH ROW EXECUTE FUNCTION gongzhi_meeting_rows_kept();
CREATE TRIGGER meeting_comments_no_truncate BEFORE TRUNCATE ON meeting_comments
	FOR EACH STATEMENT EXECUTE FUNCTION gongzhi_meeting_rows_kept();

-- Whose comment it is, where and when it was made never change.
CREATE FUNCTION gongzhi_comment_fixed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	IF NEW.id IS DISTINCT FROM OLD.id OR NEW.meeting_id IS DISTINCT FROM OLD.meeting_id
		OR NEW.agenda_id IS DISTINCT FROM OLD.agenda_id OR NEW.author_id IS DISTINCT FROM OLD.author_id
		OR NEW.client_key IS DISTINCT FROM OLD.client_key OR NEW.created_at IS DISTINCT FROM OLD.created_at
		OR NEW.parent_id IS DISTINCT FROM OLD.parent_id OR NEW.item_id IS DISTINCT FROM OLD.item_id
		OR NEW.anchor_start IS DISTINCT FROM OLD.anchor_start
		OR NEW.anchor_end IS DISTINCT FROM OLD.anchor_end THEN
		RAISE EXCEPTION 'a comment keeps its author, place and time' USING ERRCODE = 'restrict_violation';
	END IF;
	RETURN NEW;
END $$;
CREATE TRIGGER meeting_comments_fixed BEFORE UPDATE ON meeting_comments
	FOR EACH ROW EXECUTE FUNCTION gongzhi_comment_fixed();
`;
