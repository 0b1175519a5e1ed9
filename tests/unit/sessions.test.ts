import { describe, expect, it } from 'vitest';
import { SessionService, SESSION_LIFETIME } from '../../server/auth/sessions';
import { hashToken } from '../../server/auth/tokens';
import { openSqliteStores } from '../../server/storage/sqlite';

async function setup() {
	const stores = openSqliteStores(':memory:');
	await stores.users.create({ id: 'u1', username: 'u1', displayName: 'U1', passwordHash: 'x' });
	let now = 1_000_000;
	const sessions = new SessionService(stores.sessions, stores.users, () => now);
	return { stores, sessions, advance: (ms: number) => (now += ms) };
}

describe('sessions', () => {
	it('a token carries at least 128 bits and only its SHA-256 is stored', async () => {
		const { stores, sessions } = await setup();
		const { token, session } = await sessions.create('u1');
		// base32: 5 bits a character
		expect(token.length * 5).toBeGreaterThanOrEqual(128);
		expect(session.id).toBe(hashToken(token));
		expect(session.id).not.toContain(token);
		expect(await stores.sessions.get(token)).toBeNull();
		expect(await stores.sessions.get(session.id)).not.toBeNull();
	});

	it('every login gets a fresh token', async () => {
		const { sessions } = await setup();
		const a = await sessions.create('u1');
		const b = await sessions.create('u1');
		expect(a.token).not.toBe(b.token);
	});

	it('expiry slides forward when a session is used in its second half', async () => {
		const { sessions, advance } = await setup();
		const { token, session } = await sessions.create('u1');
		advance(SESSION_LIFETIME * 0.6);
		const valid = await sessions.validate(token);
		expect(valid?.session.expiresAt).toBeGreaterThan(session.expiresAt);
	});

	it('an expired session is refused and removed', async () => {
		const { stores, sessions, advance } = await setup();
		const { token, session } = await sessions.create('u1');
		advance(SESSION_LIFETIME + 1);
		expect(await sessions.validate(token)).toBeNull();
		expect(await stores.sessions.get(session.id)).toBeNull();
	});

	it('a disabled account is refused even with a live session', async () => {
		const { stores, sessions } = await setup();
		const { token } = await sessions.create('u1');
		await stores.users.setDisabled('u1', true);
		expect(await sessions.validate(token)).toBeNull();
	});

	it('invalidating a user keeps only the named session and announces the rest', async () => {
		const { sessions } = await setup();
		const keep = await sessions.create('u1');
		const drop = await sessions.create('u1');
		const revoked: string[] = [];
		sessions.onRevoke((e) => revoked.push(...e.sessionIds));
		await sessions.invalidateUser('u1', keep.session.id);
		expect(await sessions.validate(keep.token)).not.toBeNull();
		expect(await sessions.validate(drop.token)).toBeNull();
		expect(revoked).toEqual([drop.session.id]);
	});

	it('junk tokens are refused without a lookup error', async () => {
		const { sessions } = await setup();
		for (const t of ['', 'x'.repeat(10_000), '\u0000', '../../etc/passwd', null, undefined]) {
			expect(await sessions.validate(t)).toBeNull();
		}
	});
});
