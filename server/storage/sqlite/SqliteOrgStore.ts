import type { Role, UnitKind } from '../../../src/lib/domain/roles';
import type { MemberMatch, OrgStore } from '../OrgStore';
import type { Membership, Unit } from '../types';
import type { SqliteDatabase } from './SqliteDatabase';
import { type MemberRow, toMember, toUnit, type UnitRow } from '../rows/orgRows';

export class SqliteOrgStore implements OrgStore {
	constructor(private readonly sql: SqliteDatabase) {}

	async addUnit(u: Unit) {
		await this.sql.write(() =>
			this.sql.db
				.prepare('INSERT INTO units (id, parent_id, kind, name, name_en) VALUES (?, ?, ?, ?, ?)')
				.run(u.id, u.parentId, u.kind, u.name, u.nameEn)
		);
	}

	async unit(id: string) {
		const r = this.sql.db.prepare('SELECT * FROM units WHERE id = ?').get(id) as
			UnitRow | undefined;
		return r ? toUnit(r) : null;
	}

	async renameUnit(id: string, name: string, nameEn: string) {
		return this.sql.write(
			() =>
				this.sql.db
					.prepare('UPDATE units SET name = ?, name_en = ? WHERE id = ?')
					.run(name, nameEn, id).changes === 1
		);
	}

	async children(parentId: string) {
		const rows = this.sql.db
			.prepare('SELECT * FROM units WHERE parent_id = ? ORDER BY id')
			.all(parentId) as UnitRow[];
		return rows.map(toUnit);
	}

	async ofKind(kind: UnitKind) {
		const rows = this.sql.db
			.prepare('SELECT * FROM units WHERE kind = ? ORDER BY id')
			.all(kind) as UnitRow[];
		return rows.map(toUnit);
	}

	async ancestry(id: string) {
		const rows = this.sql.db
			.prepare(
				`WITH RECURSIVE up(id, parent_id, kind, name, name_en, depth) AS (
					SELECT id, parent_id, kind, name, name_en, 0 FROM units WHERE id = ?
					UNION ALL
					SELECT u.id, u.parent_id, u.kind, u.name, u.name_en, up.depth + 1
					FROM units u JOIN up ON u.id = up.parent_id
				) SELECT * FROM up ORDER BY depth`
			)
			.all(id) as UnitRow[];
		return rows.map(toUnit);
	}

	async addMembership(m: Omit<Membership, 'createdAt'>) {
		await this.sql.write(() =>
			this.sql.db
				.prepare(
					'INSERT OR IGNORE INTO memberships (user_id, unit_id, role, created_at) VALUES (?, ?, ?, ?)'
				)
				.run(m.userId, m.unitId, m.role, Date.now())
		);
	}

	async removeMembership(userId: string, unitId: string, role: Role) {
		return this.sql.write(
			() =>
				this.sql.db
					.prepare('DELETE FROM memberships WHERE user_id = ? AND unit_id = ? AND role = ?')
					.run(userId, unitId, role).changes > 0
		);
	}

	async membershipsOf(userId: string) {
		const rows = this.sql.db
			.prepare('SELECT * FROM memberships WHERE user_id = ? ORDER BY created_at')
			.all(userId) as MemberRow[];
		return rows.map(toMember);
	}

	async membersOf(unitId: string) {
		const rows = this.sql.db
			.prepare('SELECT * FROM memberships WHERE unit_id = ? ORDER BY created_at')
			.all(unitId) as MemberRow[];
		return rows.map(toMember);
	}

	async findMembers(unitId: string, text: string, limit: number) {
		// LIKE's wildcards in what was typed are literal characters here.
		const like = text.replace(/[\\%_]/g, (c) => `\\${c}`);
		return this.sql.db
			.prepare(
				`SELECT DISTINCT u.id AS userId, u.display_name AS displayName, r.phone AS phone
				 FROM memberships m JOIN users u ON u.id = m.user_id
				 LEFT JOIN residents r ON r.user_id = m.user_id
				 WHERE m.unit_id = ?
				   AND (u.display_name LIKE ? ESCAPE '\\' OR r.phone LIKE ? ESCAPE '\\')
				 ORDER BY u.display_name, u.id LIMIT ?`
			)
			.all(unitId, `%${like}%`, `${like}%`, limit) as MemberMatch[];
	}
}
