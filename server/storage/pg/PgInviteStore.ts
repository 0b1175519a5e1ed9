import type { InviteStore } from '../InviteStore';
import type { Invite, ResetCode } from '../types';
import type { PgDatabase } from './PgDatabase';
import { type InviteRow, toInvite } from '../rows/inviteRows';

export class PgInviteStore implements InviteStore {
	constructor(private readonly db: PgDatabase) {}

	async insertInvite(i: Invite) {
		await this.db.run(
			`INSERT INTO invites (id, unit_id, role, created_by, created_at, expires_at)
			 VALUES ($1, $2, $3, $4, $5, $6)`,
			[i.id, i.unitId, i.role, i.createdBy, i.createdAt, i.expiresAt]
		);
	}

	async invite(id: string) {
		const r = await this.db.one<InviteRow>('SELECT * FROM invites WHERE id = $1', [id]);
		return r ? toInvite(r) : null;
	}

	async consumeInvite(id: string, userId: string, now: number) {
		// One UPDATE with every condition in its WHERE: of two racers (on any instances), the
		// second waits for the first's row lock, re-checks used_at and changes nothing.
		const changed = await this.db.run(
			`UPDATE invites SET used_at = $1, used_by = $2
			 WHERE id = $3 AND used_at IS NULL AND revoked_at IS NULL AND expires_at > $1`,
			[now, userId, id]
		);
		return changed === 1;
	}

	async revokeInvite(id: string, now: number) {
		await this.db.run('UPDATE invites SET revoked_at = $1 WHERE id = $2 AND revoked_at IS NULL', [
			now,
			id
		]);
	}

	async invitesFor(unitId: string) {
		const rows = await this.db.query<InviteRow>(
			'SELECT * FROM invites WHERE unit_id = $1 ORDER BY created_at DESC',
			[unitId]
		);
		return rows.map(toInvite);
	}

	async insertResetCode(c: ResetCode) {
		await this.db.run(
			'INSERT INTO reset_codes (id, user_id, created_by, expires_at) VALUES ($1, $2, $3, $4)',
			[c.id, c.userId, c.createdBy, c.expiresAt]
		);
	}

	async consumeResetCode(id: string, userId: string, now: number) {
		const changed = await this.db.run(
			`UPDATE reset_codes SET used_at = $1
			 WHERE id = $2 AND user_id = $3 AND used_at IS NULL AND expires_at > $1`,
			[now, id, userId]
		);
		return changed === 1;
	}
}
