import type { AccessService } from '../access/AccessService';
import type { SessionService } from '../auth/sessions';
import type { ClusterBus } from './ClusterBus';

const REVOKED = 'sessions:revoked';
const ACCESS = 'access:user';
const DOCUMENT = 'access:document';

/**
 * Carries the in-process announcements that end or narrow what an open socket may do — a
 * session revoked, a user's roles changed, a document closed to edits — to the other instances,
 * where they take the same effect on their sockets and streams. Without it a member removed on
 * instance 1 would keep writing through a socket held open on instance 2.
 *
 * What arrives from a peer is announced here through the same services, with `replaying` set so
 * it is not published back.
 */
export function relayClusterEvents(
	bus: ClusterBus,
	sessions: SessionService,
	access: AccessService,
	log: (line: string) => void
): () => void {
	let replaying = false;
	const replay = (what: string, announce: () => unknown) => {
		replaying = true;
		try {
			const result = announce();
			if (result instanceof Promise)
				result.catch((e: unknown) => log(`cluster: ${what} from a peer failed: ${String(e)}`));
		} finally {
			replaying = false;
		}
	};
	const json = (value: unknown) => new TextEncoder().encode(JSON.stringify(value));
	const read = (message: Uint8Array): unknown => {
		try {
			return JSON.parse(new TextDecoder().decode(message));
		} catch {
			return null;
		}
	};
	const offs = [
		sessions.onRevoke((event) => {
			if (!replaying) bus.publish(REVOKED, json(event));
		}),
		access.onChange((userId) => {
			if (!replaying) bus.publish(ACCESS, json(userId));
		}),
		access.onDocumentChange((docId) => {
			if (!replaying) bus.publish(DOCUMENT, json(docId));
			return Promise.resolve();
		}),
		bus.subscribe(REVOKED, (message) => {
			const event = read(message) as { userId?: unknown; sessionIds?: unknown } | null;
			const { userId, sessionIds } = event ?? {};
			if (typeof userId !== 'string' || !Array.isArray(sessionIds)) return;
			const ids = sessionIds.filter((id): id is string => typeof id === 'string');
			replay('a revocation', () => sessions.revokedElsewhere({ userId, sessionIds: ids }));
		}),
		bus.subscribe(ACCESS, (message) => {
			const userId = read(message);
			if (typeof userId === 'string') replay('a role change', () => access.changed(userId));
		}),
		bus.subscribe(DOCUMENT, (message) => {
			const docId = read(message);
			if (typeof docId === 'string')
				replay('a document change', () => access.documentChanged(docId));
		})
	];
	return () => {
		for (const off of offs) off();
	};
}
