/**
 * Roles a person can hold in a unit (community, street, district). The order of COMMITTEES is
 * the order the joint office lists them in.
 */
export const COMMITTEES = ['residents_committee', 'owners_committee', 'property_company'] as const;
export type Committee = (typeof COMMITTEES)[number];

/**
 * The four-level chain inside a community (community Party organisation → grid branch →
 * building group → Party-member household) is held as roles on the units below the community:
 * a grid leader on a grid, a building group leader and a Party-member household contact on a
 * building. Street and district staff (`officer`) receive what a community escalates.
 */
export const CHAIN_ROLES = ['grid_leader', 'building_leader', 'household_contact'] as const;
export type ChainRole = (typeof CHAIN_ROLES)[number];

export const ROLES = [
	'secretary',
	...COMMITTEES,
	'party_member',
	'volunteer',
	'resident',
	...CHAIN_ROLES,
	'officer',
	'deputy',
	/** A district or street department's representative (委局): signs on-site acceptance. */
	'department_rep',
	'district_admin'
] as const;
export type Role = (typeof ROLES)[number];

export function isRole(value: unknown): value is Role {
	return typeof value === 'string' && (ROLES as readonly string[]).includes(value);
}

export function isCommittee(value: unknown): value is Committee {
	return typeof value === 'string' && (COMMITTEES as readonly string[]).includes(value);
}

export const UNIT_KINDS = ['district', 'street', 'community', 'grid', 'building'] as const;
export type UnitKind = (typeof UNIT_KINDS)[number];

/**
 * Where a role is held: deputies sit at district (or street) level, the district administrator at
 * the district, everyone else in a community.
 */
export const ROLE_UNIT_KIND: Record<Role, readonly UnitKind[]> = {
	secretary: ['community'],
	residents_committee: ['community'],
	owners_committee: ['community'],
	property_company: ['community'],
	party_member: ['community'],
	volunteer: ['community'],
	resident: ['community'],
	grid_leader: ['grid'],
	building_leader: ['building'],
	household_contact: ['building'],
	officer: ['street', 'district'],
	deputy: ['district', 'street'],
	department_rep: ['district', 'street'],
	district_admin: ['district']
};

export function isChainRole(value: unknown): value is ChainRole {
	return typeof value === 'string' && (CHAIN_ROLES as readonly string[]).includes(value);
}
