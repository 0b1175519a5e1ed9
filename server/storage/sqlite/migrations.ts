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
	`,
	// 3: the chain's residents, resident demands and what hangs off them (issue 4). Demands are
	// rows, not documents: who filed, who was dispatched, who resolved and how the resident rated
	// decide things, so the server alone writes them.
	`
	CREATE TABLE residents (
		user_id TEXT PRIMARY KEY REFERENCES users(id),
		community_id TEXT NOT NULL REFERENCES units(id),
		grid_id TEXT NOT NULL REFERENCES units(id),
		building_id TEXT REFERENCES units(id),
		room TEXT NOT NULL DEFAULT '',
		phone TEXT UNIQUE,
		status TEXT NOT NULL CHECK (status IN ('pending','active')),
		confirmed_by TEXT,
		created_at INTEGER NOT NULL
	);
	CREATE INDEX residents_community ON residents(community_id, status);
	CREATE INDEX residents_grid ON residents(grid_id, status);

	CREATE TABLE phone_codes (
		id TEXT PRIMARY KEY,
		phone TEXT NOT NULL,
		purpose TEXT NOT NULL,
		code_hash TEXT NOT NULL,
		attempts INTEGER NOT NULL DEFAULT 0,
		created_at INTEGER NOT NULL,
		expires_at INTEGER NOT NULL,
		used_at INTEGER
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
		created_at INTEGER NOT NULL
	);

	CREATE TABLE problems (
		id TEXT PRIMARY KEY,
		community_id TEXT NOT NULL REFERENCES units(id),
		category TEXT NOT NULL,
		grid_id TEXT REFERENCES units(id),
		building_id TEXT REFERENCES units(id),
		title TEXT NOT NULL,
		created_by TEXT NOT NULL REFERENCES users(id),
		created_at INTEGER NOT NULL,
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
		urgent INTEGER NOT NULL,
		visibility TEXT NOT NULL CHECK (visibility IN ('private','public')),
		about TEXT,
		resident_id TEXT REFERENCES users(id),
		resident_name TEXT,
		entered_by TEXT REFERENCES users(id),
		state TEXT NOT NULL,
		level TEXT NOT NULL CHECK (level IN ('grid','community','street')),
		assignee TEXT REFERENCES users(id),
		filed_at INTEGER NOT NULL,
		take_by INTEGER,
		resolve_by INTEGER,
		taken_at INTEGER,
		resolved_at INTEGER,
		closed_at INTEGER,
		rating TEXT CHECK (rating IN ('satisfied','unsatisfied')),
		resolution TEXT,
		problem_id TEXT REFERENCES problems(id),
		updated_at INTEGER NOT NULL,
		CHECK (resident_id IS NOT NULL OR (resident_name IS NOT NULL AND entered_by IS NOT NULL))
	);
	CREATE INDEX demands_community ON demands(community_id, filed_at);
	CREATE INDEX demands_grid ON demands(grid_id, state);
	CREATE INDEX demands_resident ON demands(resident_id, filed_at);
	CREATE INDEX demands_assignee ON demands(assignee, state);
	CREATE INDEX demands_open_take ON demands(take_by) WHERE take_by IS NOT NULL;
	CREATE INDEX demands_open_resolve ON demands(resolve_by) WHERE resolve_by IS NOT NULL;

	CREATE TABLE demand_events (
		id INTEGER PRIMARY KEY AUTOINCREMENT,
		demand_id TEXT NOT NULL REFERENCES demands(id),
		at INTEGER NOT NULL,
		actor TEXT,
		kind TEXT NOT NULL,
		detail TEXT
	);
	CREATE INDEX demand_events_demand ON demand_events(demand_id, id);

	CREATE TABLE demand_photos (
		demand_id TEXT NOT NULL REFERENCES demands(id),
		file_id TEXT NOT NULL REFERENCES files(id),
		stage TEXT NOT NULL CHECK (stage IN ('filed','resolved')),
		PRIMARY KEY (demand_id, file_id)
	);

	CREATE TABLE notifications (
		id INTEGER PRIMARY KEY AUTOINCREMENT,
		user_id TEXT NOT NULL REFERENCES users(id),
		at INTEGER NOT NULL,
		kind TEXT NOT NULL,
		demand_id TEXT REFERENCES demands(id),
		detail TEXT,
		read_at INTEGER
	);
	CREATE INDEX notifications_user ON notifications(user_id, id);
	`,
	// 4: secretary projects (issue 5). The stage and the published pledge decide things, so they
	// are server rows keyed by the board's document id; revisions and stage moves are append-only
	// in the database itself, like the audit log.
	`
	CREATE TABLE projects (
		board_id TEXT PRIMARY KEY REFERENCES documents(id),
		community_id TEXT NOT NULL REFERENCES units(id),
		level TEXT NOT NULL CHECK (level IN ('district','street','community','department')),
		unit_id TEXT NOT NULL,
		category TEXT NOT NULL,
		stage TEXT NOT NULL CHECK (stage IN ('topic','pledge','delivery','evaluation','closed')),
		created_by TEXT NOT NULL,
		created_at INTEGER NOT NULL,
		updated_at INTEGER NOT NULL
	);
	CREATE INDEX projects_community ON projects(community_id, stage);

	CREATE TABLE pledge_revisions (
		board_id TEXT NOT NULL REFERENCES projects(board_id),
		revision INTEGER NOT NULL CHECK (revision >= 1),
		snapshot TEXT NOT NULL,
		reason TEXT,
		author_id TEXT NOT NULL,
		at INTEGER NOT NULL,
		PRIMARY KEY (board_id, revision)
	);
	CREATE TRIGGER pledge_revisions_no_update BEFORE UPDATE ON pledge_revisions
	BEGIN SELECT RAISE(ABORT, 'pledge_revisions is append-only'); END;
	CREATE TRIGGER pledge_revisions_no_delete BEFORE DELETE ON pledge_revisions
	BEGIN SELECT RAISE(ABORT, 'pledge_revisions is append-only'); END;

	CREATE TABLE stage_moves (
		id INTEGER PRIMARY KEY AUTOINCREMENT,
		board_id TEXT NOT NULL REFERENCES projects(board_id),
		from_stage TEXT NOT NULL,
		to_stage TEXT NOT NULL,
		reason TEXT,
		author_id TEXT NOT NULL,
		at INTEGER NOT NULL
	);
	CREATE INDEX stage_moves_board ON stage_moves(board_id, id);
	CREATE TRIGGER stage_moves_no_update BEFORE UPDATE ON stage_moves
	BEGIN SELECT RAISE(ABORT, 'stage_moves is append-only'); END;
	CREATE TRIGGER stage_moves_no_delete BEFORE DELETE ON stage_moves
	BEGIN SELECT RAISE(ABORT, 'stage_moves is append-only'); END;
	`,
	// 5: evaluation of a project (评诺提升): completion reports (every revision kept), acceptance
	// records (one per evaluator per round, written only by that evaluator), satisfaction surveys
	// with the electorate frozen at opening, votes (one per voter, changeable until close), and
	// rectification items that become board tasks. All keyed by the board's document id.
	`
	CREATE TABLE completion_reports (
		id TEXT PRIMARY KEY,
		board_id TEXT NOT NULL REFERENCES documents(id),
		text TEXT NOT NULL,
		author_id TEXT NOT NULL REFERENCES users(id),
		at INTEGER NOT NULL
	);
	CREATE INDEX completion_reports_board ON completion_reports(board_id, at);

	CREATE TABLE acceptance_records (
		board_id TEXT NOT NULL REFERENCES documents(id),
		round INTEGER NOT NULL,
		evaluator_id TEXT NOT NULL REFERENCES users(id),
		invited_by TEXT NOT NULL REFERENCES users(id),
		invited_at INTEGER NOT NULL,
		verdict TEXT CHECK (verdict IN ('pass','pass_with_remarks','fail')),
		remarks TEXT NOT NULL DEFAULT '',
		signed_at INTEGER,
		PRIMARY KEY (board_id, round, evaluator_id)
	);

	CREATE TABLE surveys (
		id TEXT PRIMARY KEY,
		board_id TEXT NOT NULL REFERENCES documents(id),
		round INTEGER NOT NULL,
		opened_at INTEGER NOT NULL,
		opened_by TEXT NOT NULL REFERENCES users(id),
		closes_at INTEGER NOT NULL,
		closed_at INTEGER,
		closed_by TEXT,
		threshold REAL NOT NULL DEFAULT 0.8 CHECK (threshold > 0 AND threshold <= 1),
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
		updated_at INTEGER NOT NULL,
		PRIMARY KEY (survey_id, user_id),
		FOREIGN KEY (survey_id, user_id) REFERENCES survey_electorate(survey_id, user_id)
	);

	CREATE TABLE rectifications (
		id TEXT PRIMARY KEY,
		board_id TEXT NOT NULL REFERENCES documents(id),
		round INTEGER NOT NULL,
		item TEXT NOT NULL,
		task_id TEXT NOT NULL,
		created_by TEXT NOT NULL REFERENCES users(id),
		created_at INTEGER NOT NULL,
		done_at INTEGER
	);
	CREATE INDEX rectifications_board ON rectifications(board_id, round);
	`,
	// 6: the helper group's resource list (帮帮团 · 资源清单) and projects' requests for its items.
	// Items are published at a district or street unit and never deleted (withdrawn instead). A
	// request is decided or withdrawn once: the database refuses any change to a request that is
	// no longer pending, and any delete, so who asked, who answered and when stays provable.
	`
	CREATE TABLE resource_items (
		id TEXT PRIMARY KEY,
		unit_id TEXT NOT NULL REFERENCES units(id),
		kind TEXT NOT NULL CHECK (kind IN ('policy','funds','technical','other')),
		title TEXT NOT NULL,
		description TEXT NOT NULL DEFAULT '',
		department TEXT NOT NULL,
		contact TEXT NOT NULL,
		active INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
		created_by TEXT NOT NULL,
		created_at INTEGER NOT NULL,
		updated_by TEXT NOT NULL,
		updated_at INTEGER NOT NULL
	);
	CREATE INDEX resource_items_unit ON resource_items(unit_id, kind);
	CREATE TRIGGER resource_items_no_delete BEFORE DELETE ON resource_items
	BEGIN SELECT RAISE(ABORT, 'resource items are withdrawn, never deleted'); END;

	CREATE TABLE resource_requests (
		id TEXT PRIMARY KEY,
		resource_id TEXT NOT NULL REFERENCES resource_items(id),
		board_id TEXT NOT NULL REFERENCES documents(id),
		community_id TEXT NOT NULL REFERENCES units(id),
		note TEXT NOT NULL DEFAULT '',
		state TEXT NOT NULL DEFAULT 'pending'
			CHECK (state IN ('pending','accepted','declined','withdrawn')),
		requested_by TEXT NOT NULL,
		requested_at INTEGER NOT NULL,
		closed_by TEXT,
		closed_at INTEGER,
		comment TEXT NOT NULL DEFAULT ''
	);
	CREATE INDEX resource_requests_board ON resource_requests(board_id, requested_at);
	CREATE INDEX resource_requests_item ON resource_requests(resource_id, state);
	-- One open request per board and item: asking twice while waiting is the same request.
	CREATE UNIQUE INDEX resource_requests_one_pending ON resource_requests(resource_id, board_id)
		WHERE state = 'pending';
	CREATE TRIGGER resource_requests_closed_once BEFORE UPDATE ON resource_requests
	WHEN OLD.state <> 'pending'
		OR NEW.resource_id IS NOT OLD.resource_id OR NEW.board_id IS NOT OLD.board_id
		OR NEW.note IS NOT OLD.note OR NEW.requested_by IS NOT OLD.requested_by
		OR NEW.requested_at IS NOT OLD.requested_at
	BEGIN SELECT RAISE(ABORT, 'a resource request is decided or withdrawn once'); END;
	CREATE TRIGGER resource_requests_no_delete BEFORE DELETE ON resource_requests
	BEGIN SELECT RAISE(ABORT, 'resource_requests is append-only'); END;
	`,
	// 7: photos of a board's progress log. A file is a board's only through this row, made by a
	// writer of the board for a file that writer uploaded; a file id written into the document
	// without it grants nobody anything. Keyed by the board's document id, like evaluation.
	`
	CREATE TABLE board_files (
		doc_id TEXT NOT NULL REFERENCES documents(id),
		file_id TEXT NOT NULL REFERENCES files(id),
		user_id TEXT NOT NULL REFERENCES users(id),
		at INTEGER NOT NULL,
		PRIMARY KEY (doc_id, file_id)
	);
	CREATE INDEX board_files_file ON board_files(file_id);
	`,
	// 8: joint meetings (issue 6). The state, each move, the agenda revisions and the committees'
	// signatures are server rows; the agenda text is a Yjs document per revision (documents,
	// kind agenda). Moves are append-only in the database; a signature is never deleted and may
	// only gain its withdrawal time, once. A community's action list is a board marked by a row.
	`
	CREATE TABLE meetings (
		id TEXT PRIMARY KEY,
		community_id TEXT NOT NULL REFERENCES units(id),
		title TEXT NOT NULL,
		starts_at INTEGER NOT NULL,
		place TEXT NOT NULL,
		committees TEXT NOT NULL,
		other_parties TEXT NOT NULL,
		state TEXT NOT NULL
			CHECK (state IN ('draft','published','in_session','minuted','correcting')),
		agenda_id TEXT NOT NULL REFERENCES documents(id),
		created_by TEXT NOT NULL,
		created_at INTEGER NOT NULL,
		updated_at INTEGER NOT NULL
	);
	CREATE INDEX meetings_community ON meetings(community_id, starts_at);

	CREATE TABLE meeting_moves (
		id INTEGER PRIMARY KEY AUTOINCREMENT,
		meeting_id TEXT NOT NULL REFERENCES meetings(id),
		from_state TEXT,
		to_state TEXT NOT NULL,
		reason TEXT,
		author_id TEXT NOT NULL,
		at INTEGER NOT NULL
	);
	CREATE INDEX meeting_moves_meeting ON meeting_moves(meeting_id, id);
	CREATE TRIGGER meeting_moves_no_update BEFORE UPDATE ON meeting_moves
	BEGIN SELECT RAISE(ABORT, 'meeting_moves is append-only'); END;
	CREATE TRIGGER meeting_moves_no_delete BEFORE DELETE ON meeting_moves
	BEGIN SELECT RAISE(ABORT, 'meeting_moves is append-only'); END;

	CREATE TABLE agenda_revisions (
		meeting_id TEXT NOT NULL REFERENCES meetings(id),
		revision INTEGER NOT NULL CHECK (revision >= 1),
		agenda_id TEXT NOT NULL UNIQUE REFERENCES documents(id),
		based_on TEXT REFERENCES documents(id),
		reason TEXT,
		created_by TEXT NOT NULL,
		created_at INTEGER NOT NULL,
		PRIMARY KEY (meeting_id, revision)
	);
	CREATE TRIGGER agenda_revisions_no_update BEFORE UPDATE ON agenda_revisions
	BEGIN SELECT RAISE(ABORT, 'agenda_revisions is append-only'); END;
	CREATE TRIGGER agenda_revisions_no_delete BEFORE DELETE ON agenda_revisions
	BEGIN SELECT RAISE(ABORT, 'agenda_revisions is append-only'); END;

	CREATE TABLE meeting_signatures (
		id INTEGER PRIMARY KEY AUTOINCREMENT,
		meeting_id TEXT NOT NULL REFERENCES meetings(id),
		revision INTEGER NOT NULL,
		committee TEXT NOT NULL
			CHECK (committee IN ('residents_committee','owners_committee','property_company')),
		-- NULL: the minutes as a whole; an agenda item's id once items are nodes.
		item_id TEXT,
		signer_id TEXT NOT NULL REFERENCES users(id),
		signed_at INTEGER NOT NULL,
		withdrawn_at INTEGER,
		FOREIGN KEY (meeting_id, revision) REFERENCES agenda_revisions(meeting_id, revision)
	);
	-- One standing signature per committee, revision and item.
	CREATE UNIQUE INDEX meeting_signatures_standing
		ON meeting_signatures(meeting_id, revision, committee, COALESCE(item_id, ''))
		WHERE withdrawn_at IS NULL;
	CREATE TRIGGER meeting_signatures_no_delete BEFORE DELETE ON meeting_signatures
	BEGIN SELECT RAISE(ABORT, 'meeting_signatures are never deleted'); END;
	CREATE TRIGGER meeting_signatures_only_withdrawn BEFORE UPDATE ON meeting_signatures
	WHEN OLD.withdrawn_at IS NOT NULL OR NEW.withdrawn_at IS NULL
		OR NEW.id IS NOT OLD.id OR NEW.meeting_id IS NOT OLD.meeting_id
		OR NEW.revision IS NOT OLD.revision OR NEW.committee IS NOT OLD.committee
		OR NEW.item_id IS NOT OLD.item_id OR NEW.signer_id IS NOT OLD.signer_id
		OR NEW.signed_at IS NOT OLD.signed_at
	BEGIN SELECT RAISE(ABORT, 'a signature may only be withdrawn, once'); END;

	CREATE TABLE action_lists (
		community_id TEXT PRIMARY KEY REFERENCES units(id),
		board_id TEXT NOT NULL UNIQUE REFERENCES documents(id),
		created_by TEXT NOT NULL,
		created_at INTEGER NOT NULL
	);
	`,
	// Issue 6, agenda items: which board task each agreed decision became. One row per item and
	// meeting, whatever revision minuted it, so a minuted correction never makes a second task.
	`
	CREATE TABLE meeting_item_tasks (
		meeting_id TEXT NOT NULL REFERENCES meetings(id),
		item_id TEXT NOT NULL,
		revision INTEGER NOT NULL,
		board_id TEXT NOT NULL REFERENCES documents(id),
		task_id TEXT NOT NULL,
		target TEXT NOT NULL CHECK (target IN ('project','action_list')),
		created_at INTEGER NOT NULL,
		PRIMARY KEY (meeting_id, item_id)
	);
	CREATE TRIGGER meeting_item_tasks_no_delete BEFORE DELETE ON meeting_item_tasks
	BEGIN SELECT RAISE(ABORT, 'meeting_item_tasks are never deleted'); END;
	`,
	// Named versions of agendas (issue 6, history): the whole Yjs document as the server held it,
	// with its name, author and the server's time. A record of what the agenda was: never changed
	// or removed. \`before_restore\` rows are the copies a restore makes of the state it replaces.
	`
	CREATE TABLE agenda_versions (
		id INTEGER PRIMARY KEY AUTOINCREMENT,
		agenda_id TEXT NOT NULL REFERENCES documents(id),
		name TEXT NOT NULL,
		kind TEXT NOT NULL CHECK (kind IN ('named','before_restore')),
		author_id TEXT NOT NULL REFERENCES users(id),
		created_at INTEGER NOT NULL,
		state BLOB NOT NULL
	);
	CREATE INDEX agenda_versions_agenda ON agenda_versions(agenda_id, kind);
	CREATE TRIGGER agenda_versions_no_update BEFORE UPDATE ON agenda_versions
	BEGIN SELECT RAISE(ABORT, 'agenda_versions is append-only'); END;
	CREATE TRIGGER agenda_versions_no_delete BEFORE DELETE ON agenda_versions
	BEGIN SELECT RAISE(ABORT, 'agenda_versions is append-only'); END;
	`,
	// 11: comments on meeting agendas (issue 6). Each is a row owned by its author, made once per
	// (author, client key) so an offline comment sent twice is stored once. Never deleted: a
	// deletion, a resolution and the secretary's hiding are times set on the row.
	`
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
		created_at INTEGER NOT NULL,
		edited_at INTEGER,
		deleted_at INTEGER,
		resolved_at INTEGER,
		resolved_by TEXT REFERENCES users(id),
		hidden_at INTEGER,
		hidden_by TEXT REFERENCES users(id),
		hidden_reason TEXT,
		UNIQUE (author_id, client_key),
		CHECK ((anchor_start IS NULL) = (anchor_end IS NULL)),
		CHECK ((hidden_at IS NULL) = (hidden_reason IS NULL))
	);
	CREATE INDEX meeting_comments_meeting ON meeting_comments(meeting_id, created_at);
	CREATE TRIGGER meeting_comments_no_delete BEFORE DELETE ON meeting_comments
	BEGIN SELECT RAISE(ABORT, 'meeting_comments are never deleted'); END;
	-- Whose comment it is, where and when it was made never change.
	CREATE TRIGGER meeting_comments_fixed BEFORE UPDATE ON meeting_comments
	WHEN NEW.id IS NOT OLD.id OR NEW.meeting_id IS NOT OLD.meeting_id
		OR NEW.agenda_id IS NOT OLD.agenda_id OR NEW.author_id IS NOT OLD.author_id
		OR NEW.client_key IS NOT OLD.client_key OR NEW.created_at IS NOT OLD.created_at
		OR NEW.parent_id IS NOT OLD.parent_id OR NEW.item_id IS NOT OLD.item_id
		OR NEW.anchor_start IS NOT OLD.anchor_start OR NEW.anchor_end IS NOT OLD.anchor_end
	BEGIN SELECT RAISE(ABORT, 'a comment keeps its author, place and time'); END;
	`
];
