/**
 * Roles a person can hold in a unit (community, street, district). The order of COMMITTEES is
 * the order the joint office lists them in.
 */
export const COMMITTEES = ['residents_committee', 'owners_committee', 'property_company'] as const;
export type Committee = (typeof COMMITTEES)[number];

export const ROLES = [
	'secretary',
	...COMMITTEES,
	'party_member',
	'resident',
	'deputy',
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
	resident: ['community'],
	deputy: ['district', 'street'],
	district_admin: ['district']
};
