import type { InviteStore } from '../InviteStore';
import type { Invite, ResetCode } from '../types';
import type { SqliteDatabase } from './SqliteDatabase';
import { type InviteRow, toInvite } from '../rows/inviteRows';

export class SqliteInviteStore implements InviteStore {
	constructor(private readonly sql: SqliteDatabase) {}

	async insertInvite(i: Invite) {
		await this.sql.write(() =>
			this.sql.db
				.prepare(
					`INSERT INTO invites (id, unit_id, role, created_by, created_at, expires_at)
					 VALUES (?, ?, ?, ?, ?, ?)`
				)
				.run(i.id, i.unitId, i.role, i.createdBy, i.createdAt, i.expiresAt)
		);
	}

	async invite(id: string) {
		const r = this.sql.db.prepare('SELECT * FROM invites WHERE id = ?').get(id) as
			InviteRow | undefined;
		return r ? toInvite(r) : null;
	}

	async consumeInvite(id: string, userId: string, now: number) {
		// One UPDATE with every condition in its WHERE: two people racing for the same link cannot
		// both win.
		return this.sql.write(
			() =>
				this.sql.db
					.prepare(
						`UPDATE invites SET used_at = ?, used_by = ?
						 WHERE id = ? AND used_at IS NULL AND revoked_at IS NULL AND expires_at > ?`
					)
					.run(now, userId, id, now).changes === 1
		);
	}

	async revokeInvite(id: string, now: number) {
		await this.sql.write(() =>
			this.sql.db
				.prepare('UPDATE invites SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL')
				.run(now, id)
		);
	}

	async invitesFor(unitId: string) {
		const rows = this.sql.db
			.prepare('SELECT * FROM invites WHERE unit_id = ? ORDER BY created_at DESC')
			.all(unitId) as InviteRow[];
		return rows.map(toInvite);
	}

	async insertResetCode(c: ResetCode) {
		await this.sql.write(() =>
			this.sql.db
				.prepare(
					'INSERT INTO reset_codes (id, user_id, created_by, expires_at) VALUES (?, ?, ?, ?)'
				)
				.run(c.id, c.userId, c.createdBy, c.expiresAt)
		);
	}

	async consumeResetCode(id: string, userId: string, now: number) {
		return this.sql.write(
			() =>
				this.sql.db
					.prepare(
						`UPDATE reset_codes SET used_at = ?
						 WHERE id = ? AND user_id = ? AND used_at IS NULL AND expires_at > ?`
					)
					.run(now, id, userId, now).changes === 1
		);
	}
}
