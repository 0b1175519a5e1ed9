import type { Role, UnitKind } from '../../../src/lib/domain/roles';
import type { MemberMatch, OrgStore } from '../OrgStore';
import type { Membership, Unit } from '../types';
import type { PgDatabase } from './PgDatabase';
import { type MemberRow, toMember, toUnit, type UnitRow } from '../rows/orgRows';

/**
 * The organisation tree and its memberships on PostgreSQL. Text sorts with COLLATE "C" (byte
 * order, as SQLite sorts) and memberships made in the same millisecond keep their insertion
 * order through `ord`, which stands in for SQLite's rowid.
 */
export class PgOrgStore implements OrgStore {
	constructor(private readonly db: PgDatabase) {}

	async addUnit(u: Unit) {
		await this.db.run(
			'INSERT INTO units (id, parent_id, kind, name, name_en) VALUES ($1, $2, $3, $4, $5)',
			[u.id, u.parentId, u.kind, u.name, u.nameEn]
		);
	}

	async unit(id: string) {
		const r = await this.db.one<UnitRow>('SELECT * FROM units WHERE id = $1', [id]);
		return r ? toUnit(r) : null;
	}

	async renameUnit(id: string, name: string, nameEn: string) {
		const changed = await this.db.run('UPDATE units SET name = $1, name_en = $2 WHERE id = $3', [
			name,
			nameEn,
			id
		]);
		return changed === 1;
	}

	async children(parentId: string) {
		const rows = await this.db.query<UnitRow>(
			'SELECT * FROM units WHERE parent_id = $1 ORDER BY id COLLATE "C"',
			[parentId]
		);
		return rows.map(toUnit);
	}

	async ofKind(kind: UnitKind) {
		const rows = await this.db.query<UnitRow>(
			'SELECT * FROM units WHERE kind = $1 ORDER BY id COLLATE "C"',
			[kind]
		);
		return rows.map(toUnit);
	}

	async ancestry(id: string) {
		const rows = await this.db.query<UnitRow>(
			`WITH RECURSIVE up(id, parent_id, kind, name, name_en, depth) AS (
				SELECT id, parent_id, kind, name, name_en, 0 FROM units WHERE id = $1
				UNION ALL
				SELECT u.id, u.parent_id, u.kind, u.name, u.name_en, up.depth + 1
				FROM units u JOIN up ON u.id = up.parent_id
			) SELECT * FROM up ORDER BY depth`,
			[id]
		);
		return rows.map(toUnit);
	}

	async addMembership(m: Omit<Membership, 'createdAt'>) {
		await this.db.run(
			`INSERT INTO memberships (user_id, unit_id, role, created_at) VALUES ($1, $2, $3, $4)
			 ON CONFLICT DO NOTHING`,
			[m.userId, m.unitId, m.role, Date.now()]
		);
	}

	async removeMembership(userId: string, unitId: string, role: Role) {
		const removed = await this.db.run(
			'DELETE FROM memberships WHERE user_id = $1 AND unit_id = $2 AND role = $3',
			[userId, unitId, role]
		);
		return removed > 0;
	}

	async membershipsOf(userId: string) {
		const rows = await this.db.query<MemberRow>(
			'SELECT * FROM memberships WHERE user_id = $1 ORDER BY created_at, ord',
			[userId]
		);
		return rows.map(toMember);
	}

	async membersOf(unitId: string) {
		const rows = await this.db.query<MemberRow>(
			'SELECT * FROM memberships WHERE unit_id = $1 ORDER BY created_at, ord',
			[unitId]
		);
		return rows.map(toMember);
	}

	async findMembers(unitId: string, text: string, limit: number) {
		// LIKE's wildcards in what was typed are literal characters here. ILIKE: SQLite's LIKE
		// ignores case too. The outer query sorts, since DISTINCT allows no other sort expression.
		const like = text.replace(/[\\%_]/g, (c) => `\\${c}`);
		return this.db.query<MemberMatch>(
			`SELECT * FROM (
				SELECT DISTINCT u.id AS "userId", u.display_name AS "displayName", r.phone AS phone
				FROM memberships m JOIN users u ON u.id = m.user_id
				LEFT JOIN residents r ON r.user_id = m.user_id
				WHERE m.unit_id = $1
				  AND (u.display_name ILIKE $2 ESCAPE '\\' OR r.phone LIKE $3 ESCAPE '\\')
			) found
			ORDER BY "displayName" COLLATE "C", "userId" COLLATE "C" LIMIT $4`,
			[unitId, `%${like}%`, `${like}%`, limit]
		);
	}
}
