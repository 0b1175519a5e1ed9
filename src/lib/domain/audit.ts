/**
 * The security-relevant actions the audit log records. Each entry has a scope: the unit (a
 * community, or the district) it is about, or none for what concerns an account alone (logins,
 * password changes). A community's secretary reads the entries scoped to that community; a
 * district administrator reads those scoped to any unit of the district and the unscoped ones.
 */
export const AUDIT_ACTIONS = [
	'login',
	'login_failed',
	'logout',
	'password_changed',
	'password_reset',
	'reset_failed',
	'reset_code_issued',
	'invite_created',
	'invite_revoked',
	'invite_accepted',
	'user_registered',
	'role_removed',
	'account_disabled',
	'account_enabled',
	/** A dashboard's figures downloaded (CSV or Excel): who took which numbers out. */
	'export',
	'problem_marked',
	'resident_confirmed',
	'resident_rejected',
	'chain_changed',
	'residents_imported',
	// Evaluation of a project (评诺提升). Votes are not audited: who voted is the voter's alone.
	'completion_reported',
	'evaluator_invited',
	'acceptance_signed',
	'survey_opened',
	'survey_closed',
	'rectification_added',
	'rectification_done',
	'project_created',
	'pledge_published',
	'pledge_revised',
	'stage_moved',
	// The helper group's resource list and projects' requests for its items.
	'resource_published',
	'resource_edited',
	'resource_withdrawn',
	'resource_restored',
	'resource_requested',
	'resource_request_withdrawn',
	'resource_decided',
	// Joint meetings (issue 6): every state move, correction and signature is also a meeting row.
	'meeting_created',
	'meeting_edited',
	'meeting_moved',
	'meeting_corrected',
	'meeting_signed',
	'meeting_signature_withdrawn',
	// Named versions of an agenda: saving one, and a restore (the edit itself is in the Yjs log).
	'agenda_version_saved',
	'agenda_version_restored',
	// A meeting comment hidden by the secretary, with the reason (issue 3 item 13).
	'comment_hidden'
] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];

export function isAuditAction(value: unknown): value is AuditAction {
	return typeof value === 'string' && (AUDIT_ACTIONS as readonly string[]).includes(value);
}

/** How many entries an audit page shows at a time. */
export const AUDIT_PAGE_SIZE = 100;

/** One audit entry as the audit pages show it: names instead of ids where the server knows them. */
export interface AuditRow {
	id: number;
	at: number;
	actor: string | null;
	action: string;
	target: string;
	detail: [string, string][];
}
