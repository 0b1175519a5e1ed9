import { describe, expect, it } from 'vitest';
import {
	accessFor,
	ACTIONS,
	allows,
	canDoInCommunity,
	canGrant,
	COMMUNITY_ACTIONS,
	COMMUNITY_POLICY,
	DOC_KINDS,
	GRANTABLE,
	POLICY,
	type AccessLevel
} from '../../src/lib/domain/policy';
import { ROLES, type Role } from '../../src/lib/domain/roles';

/** The strongest level a set of actions amounts to, derived independently of accessFor. */
function levelOf(actions: readonly string[]): AccessLevel {
	if (actions.includes('write')) return 'write';
	if (actions.includes('comment')) return 'comment';
	if (actions.includes('read')) return 'read';
	return 'none';
}
const RANK: Record<AccessLevel, number> = { none: 0, read: 1, comment: 2, write: 3 };

describe('the access matrix generated from POLICY', () => {
	for (const kind of DOC_KINDS) {
		for (const role of ROLES) {
			for (const action of ACTIONS) {
				const expected = POLICY[kind][role].includes(action);
				it(`${role} ${expected ? 'may' : 'may not'} ${action} a ${kind}`, () => {
					expect(allows(kind, role, action)).toBe(expected);
				});
			}
			it(`${role} alone has ${levelOf(POLICY[kind][role])} access to a ${kind}`, () => {
				expect(accessFor(kind, [role])).toBe(levelOf(POLICY[kind][role]));
			});
		}
	}

	it('gives several roles the strongest access any one of them gives', () => {
		for (const kind of DOC_KINDS) {
			for (const a of ROLES) {
				for (const b of ROLES) {
					const best = [a, b]
						.map((r) => levelOf(POLICY[kind][r]))
						.reduce((x, y) => (RANK[y] > RANK[x] ? y : x));
					expect(accessFor(kind, [a, b])).toBe(best);
				}
			}
		}
	});

	it('gives no roles no access', () => {
		for (const kind of DOC_KINDS) expect(accessFor(kind, [])).toBe('none');
	});

	it('lets writers read: no role may write what it may not read', () => {
		for (const kind of DOC_KINDS)
			for (const role of ROLES)
				if (allows(kind, role, 'write')) expect(allows(kind, role, 'read')).toBe(true);
	});
});

describe('community actions and grants', () => {
	for (const action of COMMUNITY_ACTIONS) {
		for (const role of ROLES) {
			const expected = COMMUNITY_POLICY[action].includes(role);
			it(`${role} ${expected ? 'may' : 'may not'} ${action}`, () => {
				expect(canDoInCommunity(action, [role])).toBe(expected);
			});
		}
	}

	for (const inviter of ROLES) {
		for (const role of ROLES) {
			const expected = GRANTABLE[inviter]?.includes(role) ?? false;
			it(`${inviter} ${expected ? 'may' : 'may not'} grant ${role}`, () => {
				expect(canGrant([inviter], role)).toBe(expected);
			});
		}
	}

	it('never lets an invitation grant more document access than the inviter holds', () => {
		for (const inviter of ROLES) {
			for (const role of ROLES) {
				if (!canGrant([inviter], role)) continue;
				for (const kind of DOC_KINDS)
					expect(RANK[accessFor(kind, [role])]).toBeLessThanOrEqual(
						RANK[accessFor(kind, [inviter])]
					);
			}
		}
	});

	it('lets only roles that may invite grant anything', () => {
		for (const inviter of ROLES) {
			const grantsSomething = ROLES.some((r: Role) => canGrant([inviter], r));
			if (grantsSomething) expect(canDoInCommunity('invite', [inviter])).toBe(true);
		}
	});
});
