import { error } from '@sveltejs/kit';
import { canDoWithDemands, type DemandAction } from '$lib/domain/policy';
import type { Unit } from '../../../server/storage/types';
import { services } from './services';

/**
 * The unit behind a chain page if the user may do `action` there, else a 404 — the same for a
 * unit that does not exist, so nobody learns which grids another community has.
 */
export async function chainUnitFor(
	userId: string,
	unitId: string,
	kind: 'community' | 'grid',
	action: DemandAction
): Promise<Unit> {
	const { stores, access } = services();
	const unit = await stores.org.unit(unitId);
	if (!unit || unit.kind !== kind) error(404, 'Not Found');
	if (!canDoWithDemands(action, await access.rolesIn(userId, unit.id))) error(404, 'Not Found');
	return unit;
}

/** The grid or building if it lies in the community, else null. */
export async function chainUnitIn(communityId: string, unitId: string): Promise<Unit | null> {
	const ancestry = await services().stores.org.ancestry(unitId);
	const unit = ancestry[0];
	if (!unit || (unit.kind !== 'grid' && unit.kind !== 'building')) return null;
	return ancestry.some((u) => u.id === communityId) ? unit : null;
}

export interface PendingResident {
	userId: string;
	name: string;
	phone: string;
	grid: string;
	building: string;
	room: string;
	createdAt: number;
}

/** Residents of these grids waiting for confirmation, oldest first. */
export async function pendingIn(grids: readonly Unit[]): Promise<PendingResident[]> {
	const { stores } = services();
	const out: PendingResident[] = [];
	for (const grid of grids) {
		for (const r of await stores.residents.inGrid(grid.id, 'pending')) {
			const [user, building] = await Promise.all([
				stores.users.byId(r.userId),
				r.buildingId ? stores.org.unit(r.buildingId) : null
			]);
			// Turned down (see ResidentRegistration.reject): no longer waiting for anyone.
			if (!user || user.disabled) continue;
			out.push({
				userId: r.userId,
				name: user?.displayName ?? '',
				// The full number: the grid leader calls the person before confirming them.
				phone: r.phone ?? '',
				grid: grid.name,
				building: building?.name ?? '',
				room: r.room,
				createdAt: r.createdAt
			});
		}
	}
	return out.sort((a, b) => a.createdAt - b.createdAt);
}
