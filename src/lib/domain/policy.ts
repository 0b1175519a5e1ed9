import type { Role } from './roles';

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

export const POLICY: Record<DocKind, Record<Role, readonly Action[]>> = {
	agenda: {
		secretary: RW,
		residents_committee: RW,
		owners_committee: RW,
		property_company: RW,
		party_member: R,
		resident: R,
		deputy: R
	},
	board: {
		secretary: RW,
		residents_committee: RW,
		owners_committee: RW,
		property_company: RW,
		party_member: R,
		resident: R,
		deputy: R
	}
};

/** Community-level actions that are not about one document. */
export const COMMUNITY_ACTIONS = ['invite', 'issue_reset_code'] as const;
export type CommunityAction = (typeof COMMUNITY_ACTIONS)[number];

export const COMMUNITY_POLICY: Record<CommunityAction, readonly Role[]> = {
	invite: ['secretary'],
	issue_reset_code: ['secretary']
};

/**
 * Roles an inviter may hand out. An invitation never grants more than the inviter holds:
 * a secretary can invite anyone into the community's roles, including another secretary,
 * but not a district deputy.
 */
export const GRANTABLE: Partial<Record<Role, readonly Role[]>> = {
	secretary: [
		'secretary',
		'residents_committee',
		'owners_committee',
		'property_company',
		'party_member',
		'resident'
	]
};

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

export function canGrant(inviterRoles: Iterable<Role>, role: Role): boolean {
	for (const r of inviterRoles) if (GRANTABLE[r]?.includes(role)) return true;
	return false;
}

export function isDocKind(value: unknown): value is DocKind {
	return typeof value === 'string' && (DOC_KINDS as readonly string[]).includes(value);
}

export const canWrite = (level: AccessLevel) => level === 'write';
export const canRead = (level: AccessLevel) => level !== 'none';
