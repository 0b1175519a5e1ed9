import type { Invite, ResetCode } from './types';

export interface InviteStore {
	insertInvite(invite: Invite): Promise<void>;
	invite(id: string): Promise<Invite | null>;
	/** Marks it used if it is still usable at `now`; false if it was not (used, revoked, expired). */
	consumeInvite(id: string, userId: string, now: number): Promise<boolean>;
	revokeInvite(id: string, now: number): Promise<void>;
	invitesFor(unitId: string): Promise<Invite[]>;
	insertResetCode(code: ResetCode): Promise<void>;
	consumeResetCode(id: string, userId: string, now: number): Promise<boolean>;
}
