import { isAgendaId } from '../../src/lib/domain/agenda';
import type { Role } from '../../src/lib/domain/roles';
import type { AccessService } from '../access/AccessService';
import type { ConnectionLevel, PresenceUser } from './YjsConnection';

export interface AgendaGrant {
	docId: string;
	level: ConnectionLevel;
	presence: PresenceUser;
}

/** The role shown next to a name in presence, strongest first. */
const PRESENCE_ROLES: readonly Role[] = [
	'secretary',
	'residents_committee',
	'owners_committee',
	'property_company'
];

/** `/sync/yjs/<id>?…` → `<id>`, or null when the path has anything else in it. */
export function agendaIdFromPath(url: string | undefined, prefix: string): string | null {
	const path = (url ?? '').split('?')[0] ?? '';
	if (!path.startsWith(prefix)) return null;
	const id = path.slice(prefix.length);
	return isAgendaId(id) ? id : null;
}

/**
 * What this user may do on this agenda, or null — for an agenda that does not exist, one that is
 * not an agenda, and one the user may not read alike, so an outsider cannot tell them apart.
 */
export async function authorizeAgenda(
	access: AccessService,
	user: { userId: string; displayName: string },
	docId: string
): Promise<AgendaGrant | null> {
	const found = await access.document(user.userId, docId);
	if (!found || found.doc.kind !== 'agenda') return null;
	const roles = await access.rolesIn(user.userId, found.doc.communityId);
	return {
		docId,
		level: found.level,
		presence: {
			id: user.userId,
			name: user.displayName,
			committee: PRESENCE_ROLES.find((r) => roles.has(r)) ?? null
		}
	};
}
