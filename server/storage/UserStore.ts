import type { User } from './types';

export interface UserStore {
	create(user: Omit<User, 'createdAt' | 'disabled'> & { passwordHash: string }): Promise<User>;
	byId(id: string): Promise<User | null>;
	/** Display names of many users in one go (lists of people); unknown ids are left out. */
	displayNames(ids: readonly string[]): Promise<Map<string, string>>;
	byUsername(username: string): Promise<(User & { passwordHash: string }) | null>;
	setPasswordHash(userId: string, passwordHash: string): Promise<void>;
	setDisabled(userId: string, disabled: boolean): Promise<void>;
	/** A resident who took over a number filed by someone else gives their own name. */
	setDisplayName(userId: string, displayName: string): Promise<void>;
}
