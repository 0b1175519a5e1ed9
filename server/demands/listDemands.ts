import { demandView } from '../../src/lib/domain/demandAccess';
import { DISPATCHERS, OPEN_STATES, type Demand } from '../../src/lib/domain/demands';
import { canDoWithDemands } from '../../src/lib/domain/policy';
import type { Role } from '../../src/lib/domain/roles';
import type { Stores } from '../storage/Stores';
import { shapeDemand } from './shapeDemand';

/** The list page's tabs; each holds only what the user may see, shaped by their view. */
export interface DemandLists {
	/** Filed by me, or by me for someone (代填). */
	mine: Demand[];
	/** Waiting at a level where I dispatch. */
	queue: Demand[];
	/** Dispatched to me, being worked on by me, or waiting for the resident's answer. */
	assigned: Demand[];
	/** Offered to the grid's takers, where I am one. */
	offered: Demand[];
	/** May the user file at all (any role in the community). */
	canFile: boolean;
}

const LIMIT = 200;

interface RolesSource {
	roles(userId: string, unitId: string): Promise<Set<Role>>;
}

export async function listDemands(
	access: RolesSource,
	stores: Stores,
	userId: string,
	communityId: string
): Promise<DemandLists> {
	const communityIds = [communityId];
	const cache = new Map<string, Promise<Set<Role>>>();
	const rolesAt = (unitId: string) => {
		let r = cache.get(unitId);
		if (!r) cache.set(unitId, (r = access.roles(userId, unitId)));
		return r;
	};
	const visible = async (list: Demand[]) => {
		const out: Demand[] = [];
		for (const d of list) {
			const view = demandView({ userId, roles: await rolesAt(d.gridId) }, d);
			if (view !== 'none') out.push(shapeDemand(d, view));
		}
		return out;
	};
	const communityRoles = await rolesAt(communityId);
	const [own, entered, assigned, waiting] = await Promise.all([
		stores.demands.query({ communityIds, residentId: userId, limit: LIMIT }),
		stores.demands.query({ communityIds, enteredBy: userId, limit: LIMIT }),
		stores.demands.query({
			communityIds,
			assignee: userId,
			states: ['dispatched', 'taken', 'resolved'],
			limit: LIMIT
		}),
		// Open demands not yet taken; filtered below to those the user dispatches or may take.
		communityRoles.size > 0
			? stores.demands.query({ communityIds, states: OPEN_STATES.slice(0, 3), limit: LIMIT })
			: Promise.resolve([])
	]);
	const queue: Demand[] = [];
	const offered: Demand[] = [];
	for (const d of waiting) {
		const roles = await rolesAt(d.gridId);
		if (DISPATCHERS[d.level].some((r) => roles.has(r)) && canDoWithDemands('dispatch', roles)) {
			queue.push(d);
		}
		if (d.state === 'offered' && canDoWithDemands('take', roles)) offered.push(d);
	}
	const mine = [...own, ...entered].sort((a, b) => b.filedAt - a.filedAt);
	return {
		mine: await visible(mine),
		queue: await visible(queue),
		assigned: await visible(assigned),
		offered: await visible(offered),
		canFile:
			canDoWithDemands('file', communityRoles) || canDoWithDemands('file_for_other', communityRoles)
	};
}
