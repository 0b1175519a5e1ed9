import { hash, verify } from '@node-rs/argon2';

// OWASP's argon2id minimum: 19 MiB, two passes, one lane.
const OPTIONS = { memoryCost: 19456, timeCost: 2, parallelism: 1, outputLen: 32 } as const;

export const hashPassword = (password: string) => hash(password, OPTIONS);

export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
	try {
		return await verify(passwordHash, password);
	} catch {
		return false;
	}
}

/** A hash of nothing anyone knows, verified against when the username does not exist so the
 * answer takes as long as for a real account. */
export const DUMMY_HASH = hashPassword('no-such-user-' + Math.random());

export { MIN_PASSWORD_LENGTH, MAX_PASSWORD_LENGTH } from '../../src/lib/domain/accounts';
