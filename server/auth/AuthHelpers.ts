import { DEMO_PASSWORD, DEMO_USERS } from '../demo/demoDistrict';
import type { Stores } from '../storage/Stores';
import { DUMMY_HASH, hashPassword, verifyPassword } from './passwords';
import { generateToken, hashToken } from './tokens';

/**
 * The server's password and token helpers, handed to SvelteKit through Services: the app may
 * not import server/ at run time, and these must be the same functions the server uses.
 */
export interface AuthHelpers {
	hashPassword(password: string): Promise<string>;
	verifyPassword(passwordHash: string, password: string): Promise<boolean>;
	/** Verified against when a username does not exist, so both answers take as long. */
	dummyHash: Promise<string>;
	generateToken(bytes?: number): string;
	hashToken(token: string): string;
	/** The demo accounts to show on the login page, or null unless the demo district is loaded. */
	demoAccounts(): Promise<{ usernames: string[]; password: string } | null>;
}

export function createAuthHelpers(stores: Stores, demoEnabled: boolean): AuthHelpers {
	return {
		hashPassword,
		verifyPassword,
		dummyHash: DUMMY_HASH,
		generateToken,
		hashToken,
		async demoAccounts() {
			if (!demoEnabled) return null;
			// The demo's own secretary still existing is what "the demo district is loaded" means.
			const first = DEMO_USERS[0];
			if (!first || !(await stores.users.byId(first.id))) return null;
			return { usernames: DEMO_USERS.map((u) => u.username), password: DEMO_PASSWORD };
		}
	};
}
