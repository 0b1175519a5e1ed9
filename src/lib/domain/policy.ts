import { COMMITTEES, ROLES, type Role } from './roles';

/**
 * The access policy, declared once. Every check — pages, HTTP APIs, the Yjs and Automerge
 * sockets — reads this table, and the test suite generates its access matrix from it.
 *
 * Rows are document or record kinds, columns roles, cells the actions that role may take on
 * that kind inside a community it belongs to (or, for district/street roles, below it).
 * Later work adds kinds and actions here; nothing else should grow its own role checks.
 */
export const ACTIONS = ['read', 'comment', 'write'] as const;
export type Action = (typeof ACTIONS)[number];

export const DOC_KINDS = ['agenda', 'board'] as const;
export type DocKind = (typeof DOC_KINDS)[number];

/** Access to a whole document, strongest first. A connection is marked with one of these. */
export type AccessLevel = 'write' | 'comment' | 'read' | 'none';

const RW = ['read', 'comment', 'write'] as const;
const R = ['read'] as const;
/**
 * The district administrator manages accounts (disable / re-enable) and reads the district's
 * audit log; it reads no community documents. Residents' complaints and committee drafts are the
 * community's: an account administrator does not need them to do the job, and a role that can
 * disable anyone should not also be able to read everything.
 */
const NONE = [] as const;

export const POLICY: Record<DocKind, Record<Role, readonly Action[]>> = {
	agenda: {
		secretary: RW,
		residents_committee: RW,
		owners_committee: RW,
		property_company: RW,
		party_member: R,
		volunteer: R,
		resident: R,
		// Chain roles are held on grids and buildings, below the community: they add demand
		// powers there (DEMAND_POLICY) and nothing on the community's documents.
		grid_leader: NONE,
		building_leader: NONE,
		household_contact: NONE,
		officer: R,
		deputy: R,
		department_rep: NONE,
		district_admin: NONE
	},
	board: {
		secretary: RW,
		residents_committee: RW,
		owners_committee: RW,
		property_company: RW,
		party_member: R,
		volunteer: R,
		resident: R,
		// Chain roles are held on grids and buildings, below the community: they add demand
		// powers there (DEMAND_POLICY) and nothing on the community's documents.
		grid_leader: NONE,
		building_leader: NONE,
		household_contact: NONE,
		officer: R,
		deputy: R,
		// Reads the boards it is asked to accept; signs on the server (EVALUATION_POLICY), never in them.
		department_rep: R,
		district_admin: NONE
	}
};

/** Community-level actions that are not about one document. */
export const COMMUNITY_ACTIONS = [
	'invite',
	'issue_reset_code',
	'remove_role',
	'read_audit'
] as const;
export type CommunityAction = (typeof COMMUNITY_ACTIONS)[number];

/** Who may do what in a community. `remove_role` is limited further by GRANTABLE (below). */
export const COMMUNITY_POLICY: Record<CommunityAction, readonly Role[]> = {
	invite: ['secretary'],
	issue_reset_code: ['secretary'],
	remove_role: ['secretary'],
	read_audit: ['secretary']
};

/**
 * Actions on a whole district (held at the district unit): disabling and re-enabling accounts of
 * people with a role anywhere in it, and reading its audit log (every entry about its units, and
 * the account-level entries — logins, password changes — that belong to no community).
 */
export const DISTRICT_ACTIONS = ['manage_accounts', 'read_audit'] as const;
export type DistrictAction = (typeof DISTRICT_ACTIONS)[number];

export const DISTRICT_POLICY: Record<DistrictAction, readonly Role[]> = {
	manage_accounts: ['district_admin'],
	read_audit: ['district_admin']
};

/**
 * Roles an inviter may hand out — and the roles a secretary may take away again. An invitation
 * never grants more than the inviter holds: a secretary can invite anyone into the community's
 * roles, including another secretary, but not a district deputy or administrator.
 */
export const GRANTABLE: Partial<Record<Role, readonly Role[]>> = {
	secretary: [
		'secretary',
		'residents_committee',
		'owners_committee',
		'property_company',
		'party_member',
		'volunteer',
		'resident'
	]
};

/**
 * Resident demands (群众点单、组织派单、党员接单). A demand's actions are checked against the roles
 * a user holds at the demand's grid, which include those held at the community, street and
 * district above it (AccessService.rolesIn works on any unit). Who may act on one particular
 * demand — its filer, its assignee, the party a complaint is about — is decided per record in
 * `demandAccess.ts`, which reads this table for everything role-based.
 */
export const DEMAND_ACTIONS = [
	/** File one's own demand in the community. */
	'file',
	/** File for a resident who cannot (代填), recorded as filed on their behalf. */
	'file_for_other',
	/** See every demand of the unit with who filed it (except complaints about one's own party). */
	'read_all',
	/** Hand a demand to a Party member or volunteer, or offer it to the grid. */
	'dispatch',
	/** Be dispatched to, or take an offered demand. */
	'take',
	/** The unit's numbers: counts, rates, times. */
	'read_metrics',
	/** Numbers per person (知事识人): the secretary and above only. */
	'read_people',
	/** Maintain the chain: grids, buildings, leaders, household contacts, imports. */
	'manage_chain',
	/** Confirm a resident who registered without a phone code. */
	'confirm_resident',
	/** Turn a recurring group of demands into a problem-list entry. */
	'mark_problem'
] as const;
export type DemandAction = (typeof DEMAND_ACTIONS)[number];

export const DEMAND_POLICY: Record<DemandAction, readonly Role[]> = {
	file: ['secretary', ...COMMITTEES, 'party_member', 'volunteer', 'resident'],
	file_for_other: [
		'secretary',
		'residents_committee',
		'grid_leader',
		'building_leader',
		'household_contact'
	],
	read_all: ['secretary', 'residents_committee', 'grid_leader', 'officer'],
	dispatch: ['secretary', 'grid_leader', 'officer'],
	take: ['party_member', 'volunteer', 'grid_leader', 'building_leader', 'household_contact'],
	read_metrics: ['secretary', 'residents_committee', 'grid_leader', 'officer', 'deputy'],
	read_people: ['secretary', 'officer'],
	manage_chain: ['secretary'],
	confirm_resident: ['secretary', 'grid_leader'],
	mark_problem: ['secretary']
};

/**
 * Evaluation of a project (评诺提升), checked against the roles a user holds at the board's
 * community. Per-record rules come on top: only an invited evaluator signs, and only their own
 * record; only a member of a survey's frozen electorate votes (domain/evaluation.ts).
 */
export const EVALUATION_ACTIONS = [
	/** See the report, the acceptance records, aggregated results and rectification items. */
	'read',
	/** Publish (a revision of) the completion report. */
	'report',
	/** Invite deputies and department representatives to on-site acceptance. */
	'invite',
	/** Sign one's own acceptance record. */
	'sign',
	/** Open a satisfaction survey, or close it before its time. */
	'run_survey',
	/** Vote in a survey (and only as one of its frozen electorate). */
	'vote',
	/** Enter rectification items after a failed survey and mark them done. */
	'rectify'
] as const;
export type EvaluationAction = (typeof EVALUATION_ACTIONS)[number];

export const EVALUATION_POLICY: Record<EvaluationAction, readonly Role[]> = {
	read: [
		'secretary',
		...COMMITTEES,
		'party_member',
		'volunteer',
		'resident',
		'officer',
		'deputy',
		'department_rep'
	],
	report: ['secretary'],
	invite: ['secretary'],
	sign: ['deputy', 'department_rep'],
	run_survey: ['secretary'],
	vote: ['resident'],
	rectify: ['secretary']
};

export function canDoInEvaluation(action: EvaluationAction, roles: Iterable<Role>): boolean {
	for (const role of roles) if (EVALUATION_POLICY[action].includes(role)) return true;
	return false;
}

export function canDoWithDemands(action: DemandAction, roles: Iterable<Role>): boolean {
	for (const role of roles) if (DEMAND_POLICY[action].includes(role)) return true;
	return false;
}

/**
 * Secretary projects (书记项目): who may start one, publish or revise its pledge, and move its
 * stage. Reading a project's records follows reading its board (POLICY.board).
 */
export const PROJECT_ACTIONS = ['create', 'publish', 'revise', 'move_stage'] as const;
export type ProjectAction = (typeof PROJECT_ACTIONS)[number];

export const PROJECT_POLICY: Record<ProjectAction, readonly Role[]> = {
	create: ['secretary'],
	publish: ['secretary'],
	revise: ['secretary'],
	move_stage: ['secretary']
};

export function canDoWithProjects(action: ProjectAction, roles: Iterable<Role>): boolean {
	for (const role of roles) if (PROJECT_POLICY[action].includes(role)) return true;
	return false;
}

/**
 * The helper group's resource list (帮帮团 · 资源清单) and projects' requests for its items.
 * `browse` and `publish` are checked against the roles a user holds around the resource's unit
 * (a district or street): browsing needs any role in or above it, or below it (a community's
 * people see what their street and district offer). `request` and `read_notes` are checked at
 * the board's community; `decide` at the requested item's unit, so a department representative
 * answers for the items of their own unit and the units below it, never for another street's.
 */
export const RESOURCE_ACTIONS = [
	/** See the list of items and, on a board, which were requested and granted. */
	'browse',
	/** Add, edit, withdraw or restore the items of a unit. */
	'publish',
	/** Ask for an item on behalf of a project board, or withdraw that request before a decision. */
	'request',
	/** Accept or decline a request for one of the unit's items, with a comment. */
	'decide',
	/** See the request's note and the department's comment on the board (not for residents). */
	'read_notes'
] as const;
export type ResourceAction = (typeof RESOURCE_ACTIONS)[number];

export const RESOURCE_POLICY: Record<ResourceAction, readonly Role[]> = {
	browse: ROLES,
	// The administrator keeps the list true when a department's representative is gone.
	publish: ['department_rep', 'district_admin'],
	// The pledge's owner speaks for the project, as for publishing and stage moves.
	request: ['secretary'],
	decide: ['department_rep'],
	// The people who run the project; residents and reviewers see what was asked and granted.
	read_notes: ['secretary', ...COMMITTEES]
};

export function canDoWithResources(action: ResourceAction, roles: Iterable<Role>): boolean {
	for (const role of roles) if (RESOURCE_POLICY[action].includes(role)) return true;
	return false;
}

/**
 * The project overviews (issue 5): `read_all` sees every project of the communities at or below
 * where the role is held, topics not yet published included; `read_published` sees published
 * projects only (a resident's view: what was pledged in public). District and street roles reach
 * the overviews of the communities below them. The account administrator reads no community's
 * projects (see POLICY above).
 */
export const OVERVIEW_ACTIONS = ['read_all', 'read_published'] as const;
export type OverviewAction = (typeof OVERVIEW_ACTIONS)[number];

export const OVERVIEW_POLICY: Record<OverviewAction, readonly Role[]> = {
	read_all: ['secretary', ...COMMITTEES, 'officer', 'deputy', 'department_rep'],
	read_published: ['party_member', 'volunteer', 'resident']
};

/** What of a unit's projects these roles may see in an overview. */
export function overviewScope(roles: Iterable<Role>): 'all' | 'published' | null {
	let scope: 'all' | 'published' | null = null;
	for (const role of roles) {
		if (OVERVIEW_POLICY.read_all.includes(role)) return 'all';
		if (OVERVIEW_POLICY.read_published.includes(role)) scope = 'published';
	}
	return scope;
}

export function allows(kind: DocKind, role: Role, action: Action): boolean {
	return POLICY[kind][role].includes(action);
}

/** The strongest access any of the roles gives on a kind of document. */
export function accessFor(kind: DocKind, roles: Iterable<Role>): AccessLevel {
	let best: AccessLevel = 'none';
	for (const role of roles) {
		const actions = POLICY[kind][role];
		if (actions.includes('write')) return 'write';
		if (actions.includes('comment')) best = 'comment';
		else if (actions.includes('read') && best === 'none') best = 'read';
	}
	return best;
}

export function canDoInCommunity(action: CommunityAction, roles: Iterable<Role>): boolean {
	for (const role of roles) if (COMMUNITY_POLICY[action].includes(role)) return true;
	return false;
}

export function canDoInDistrict(action: DistrictAction, roles: Iterable<Role>): boolean {
	for (const role of roles) if (DISTRICT_POLICY[action].includes(role)) return true;
	return false;
}

/**
 * Does holding this role make a community "one of the user's"? Only if it gives some access to
 * its documents or some community action; the district administrator's role gives neither.
 */
export function reachesCommunities(role: Role): boolean {
	return (
		DOC_KINDS.some((k) => POLICY[k][role].length > 0) ||
		COMMUNITY_ACTIONS.some((a) => COMMUNITY_POLICY[a].includes(role)) ||
		DEMAND_ACTIONS.some((a) => DEMAND_POLICY[a].includes(role))
	);
}

export function canGrant(inviterRoles: Iterable<Role>, role: Role): boolean {
	for (const r of inviterRoles) if (GRANTABLE[r]?.includes(role)) return true;
	return false;
}

export function isDocKind(value: unknown): value is DocKind {
	return typeof value === 'string' && (DOC_KINDS as readonly string[]).includes(value);
}

export const canWrite = (level: AccessLevel) => level === 'write';
export const canRead = (level: AccessLevel) => level !== 'none';

/**
 * Joint meetings (多委联合办公会), checked against the roles a user holds in the meeting's
 * community. What the meeting's state allows on top (a draft is not for residents, a minuted
 * agenda is read-only for everyone, signing only in session) is in `meetings.ts`; a signature
 * is further limited to the signer's own committee, and its withdrawal to the signer.
 */
export const MEETING_ACTIONS = [
	/** Create a meeting (its agenda is made with it). */
	'create',
	/** Change a meeting's title, time, place and attendance before it is in session. */
	'edit_details',
	/** draft → published: residents can now read it. */
	'publish',
	/** published → in session. */
	'start',
	/** in session (or correcting) → minuted: the agenda becomes read-only for everyone. */
	'minute',
	/** minuted → correcting: a new agenda revision; the minuted one is kept read-only. */
	'correct',
	/** See a meeting and its agenda while it is still a draft. */
	'read_draft',
	/** See a published (or later) meeting and its agenda. */
	'read',
	/** Write the current agenda revision while the state allows it. */
	'edit_agenda',
	/** Sign the minutes for one's own committee (and withdraw one's own signature). */
	'sign'
] as const;
export type MeetingAction = (typeof MEETING_ACTIONS)[number];

export const MEETING_POLICY: Record<MeetingAction, readonly Role[]> = {
	create: ['secretary'],
	edit_details: ['secretary'],
	publish: ['secretary'],
	start: ['secretary'],
	minute: ['secretary'],
	correct: ['secretary'],
	read_draft: ['secretary', ...COMMITTEES],
	read: ['secretary', ...COMMITTEES, 'party_member', 'volunteer', 'resident', 'officer', 'deputy'],
	edit_agenda: ['secretary', ...COMMITTEES],
	sign: [...COMMITTEES]
};

export function canDoWithMeetings(action: MeetingAction, roles: Iterable<Role>): boolean {
	for (const role of roles) if (MEETING_POLICY[action].includes(role)) return true;
	return false;
}

/**
 * Comments on a meeting's agenda (issue 6), checked against the roles a user holds in the
 * meeting's community. Reading follows the meeting (`canSeeMeeting`): whoever may read it reads
 * its comments. What the meeting's state allows comes on top (COMMENTABLE in comments.ts), and a
 * comment is edited or deleted by its author only.
 */
export const COMMENT_ACTIONS = [
	/** Comment and reply while the meeting is published or in session. */
	'post',
	/** Resolve or reopen anyone's thread (an author may always resolve their own). */
	'resolve_any',
	/** Hide a comment from everyone, with a reason that goes to the audit log; sees it, marked. */
	'hide',
	/** Can be @mentioned, and is notified of every new comment. */
	'follow'
] as const;
export type CommentAction = (typeof COMMENT_ACTIONS)[number];

export const COMMENT_POLICY: Record<CommentAction, readonly Role[]> = {
	// Residents read the agenda and may only comment on it; the committees run the meeting.
	post: ['secretary', ...COMMITTEES, 'resident'],
	resolve_any: ['secretary', ...COMMITTEES],
	hide: ['secretary'],
	follow: ['secretary', ...COMMITTEES]
};

export function canDoWithComments(action: CommentAction, roles: Iterable<Role>): boolean {
	for (const role of roles) if (COMMENT_POLICY[action].includes(role)) return true;
	return false;
}
