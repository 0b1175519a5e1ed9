import type { AccessService } from '../access/AccessService';
import type { Stores } from '../storage/Stores';

/**
 * Display names of users an agenda names as owners. The owner is written by a client: a user id
 * of someone who holds no role in the community resolves to no name, so an agenda cannot be
 * used to look up who an arbitrary account is.
 */
export async function ownerNames(
	deps: { stores: Stores; access: AccessService },
	communityId: string,
	userIds: Iterable<string>
): Promise<Map<string, string>> {
	const names = new Map<string, string>();
	for (const id of new Set(userIds)) {
		if ((await deps.access.rolesIn(id, communityId)).size === 0) continue;
		const user = await deps.stores.users.byId(id);
		if (user) names.set(id, user.displayName);
	}
	return names;
}
