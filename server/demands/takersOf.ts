import { mayTake } from '../../src/lib/domain/demandAccess';
import type { Demand } from '../../src/lib/domain/demands';
import { DEMAND_POLICY } from '../../src/lib/domain/policy';
import type { AccessService } from '../access/AccessService';
import type { Stores } from '../storage/Stores';

/**
 * The people who may take a demand of this grid: enabled accounts holding a `take` role on the
 * community, the grid or one of its buildings, minus members of the party a complaint is about.
 * Bounded by the grid's own people — offering a demand never notifies the whole district.
 */
export async function takersOf(stores: Stores, access: AccessService, d: Demand) {
	const units = [
		d.communityId,
		d.gridId,
		...(await stores.org.children(d.gridId)).map((b) => b.id)
	];
	const ids = new Set<string>();
	for (const unitId of units) {
		for (const m of await stores.org.membersOf(unitId)) {
			if (DEMAND_POLICY.take.includes(m.role)) ids.add(m.userId);
		}
	}
	const out: string[] = [];
	for (const id of ids) {
		const u = await stores.users.byId(id);
		if (u && !u.disabled && mayTake(await access.rolesIn(id, d.gridId), d)) out.push(id);
	}
	return out.sort();
}
