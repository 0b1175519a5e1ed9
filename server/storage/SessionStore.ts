import type { Session } from './types';

export interface SessionStore {
	insert(session: Session): Promise<void>;
	get(id: string): Promise<Session | null>;
	setExpiry(id: string, expiresAt: number): Promise<void>;
	remove(id: string): Promise<void>;
	/** Removes every session of a user except `keepId`; returns the removed ids. */
	removeForUser(userId: string, keepId?: string): Promise<string[]>;
	removeExpired(now: number): Promise<number>;
}
