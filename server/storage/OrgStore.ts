import type { Role, UnitKind } from '../../src/lib/domain/roles';
import type { Membership, Unit } from './types';

export interface OrgStore {
	addUnit(unit: Unit): Promise<void>;
	unit(id: string): Promise<Unit | null>;
	/** Renames a unit (a grid or building the secretary mistyped); its id never changes. */
	renameUnit(id: string, name: string, nameEn: string): Promise<boolean>;
	children(parentId: string): Promise<Unit[]>;
	/** Every unit of a kind (the communities a resident picks from when registering). */
	ofKind(kind: UnitKind): Promise<Unit[]>;
	/** The unit and all its ancestors, nearest first. */
	ancestry(id: string): Promise<Unit[]>;
	addMembership(m: Omit<Membership, 'createdAt'>): Promise<void>;
	removeMembership(userId: string, unitId: string, role: Role): Promise<boolean>;
	membershipsOf(userId: string): Promise<Membership[]>;
	membersOf(unitId: string): Promise<Membership[]>;
	/**
	 * Members of a unit whose name contains `text` or whose resident phone starts with it, each
	 * once, by name: the chain page's person picker (a community has thousands).
	 */
	findMembers(unitId: string, text: string, limit: number): Promise<MemberMatch[]>;
}

export interface MemberMatch {
	userId: string;
	displayName: string;
	/** The resident's number, if they registered one. */
	phone: string | null;
}
