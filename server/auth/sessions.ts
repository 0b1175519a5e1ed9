import type { SessionStore } from '../storage/SessionStore';
import type { UserStore } from '../storage/UserStore';
import type { Session, User } from '../storage/types';
import { generateToken, hashToken } from './tokens';

const DAY = 24 * 60 * 60 * 1000;
export const SESSION_LIFETIME = 30 * DAY;
/** A session used in its last half is extended to a full lifetime again (sliding expiry). */
const RENEW_WITHIN = 15 * DAY;

export { SESSION_COOKIE } from '../../src/lib/domain/session';

export interface ValidSession {
	session: Session;
	user: User;
	/** True when this validation slid the expiry forward: the cookie must be set again. */
	renewed: boolean;
}

export type RevokeListener = (event: { userId: string; sessionIds: string[] }) => void;

/**
 * Sessions as lucia-auth.com teaches them: a random token in the cookie, only its SHA-256 in the
 * database, sliding expiry. Revocation is announced so open websockets close too.
 */
export class SessionService {
	#listeners = new Set<RevokeListener>();

	constructor(
		private readonly sessions: SessionStore,
		private readonly users: UserStore,
		private readonly now: () => number = Date.now
	) {}

	async create(userId: string): Promise<{ token: string; session: Session }> {
		const token = generateToken();
		const now = this.now();
		const session: Session = {
			id: hashToken(token),
			userId,
			createdAt: now,
			expiresAt: now + SESSION_LIFETIME
		};
		await this.sessions.insert(session);
		return { token, session };
	}

	async validate(token: string | undefined | null): Promise<ValidSession | null> {
		if (!token || token.length > 128) return null;
		const id = hashToken(token);
		const session = await this.sessions.get(id);
		if (!session) return null;
		const now = this.now();
		if (session.expiresAt <= now) {
			await this.sessions.remove(id);
			return null;
		}
		const user = await this.users.byId(session.userId);
		if (!user || user.disabled) return null;
		const renewed = session.expiresAt - now < RENEW_WITHIN;
		if (renewed) {
			session.expiresAt = now + SESSION_LIFETIME;
			await this.sessions.setExpiry(id, session.expiresAt);
		}
		return { session, user, renewed };
	}

	async invalidate(session: Session): Promise<void> {
		await this.sessions.remove(session.id);
		this.#emit({ userId: session.userId, sessionIds: [session.id] });
	}

	/** Ends every session of a user (password change keeps the current one). */
	async invalidateUser(userId: string, keepSessionId?: string): Promise<void> {
		const sessionIds = await this.sessions.removeForUser(userId, keepSessionId);
		this.#emit({ userId, sessionIds });
	}

	/** Another instance ended these sessions: this one closes their sockets and streams too. */
	revokedElsewhere(event: { userId: string; sessionIds: string[] }) {
		this.#emit(event);
	}

	onRevoke(listener: RevokeListener): () => void {
		this.#listeners.add(listener);
		return () => this.#listeners.delete(listener);
	}

	#emit(event: { userId: string; sessionIds: string[] }) {
		if (event.sessionIds.length === 0) return;
		for (const l of this.#listeners) l(event);
	}
}
