import { canAnswer, canResolve } from '../../src/lib/domain/demandAccess';
import { DISPATCHERS, type Demand, type DemandState } from '../../src/lib/domain/demands';
import type { StepAction } from '../../src/lib/domain/demandSteps';
import { canDoWithDemands } from '../../src/lib/domain/policy';
import type { Role } from '../../src/lib/domain/roles';

export const BEFORE_TAKEN: readonly DemandState[] = ['filed', 'offered', 'dispatched'];

/**
 * May this user take this step on this demand now? `roles` are theirs at the demand's grid.
 * Dispatching is for the dispatchers of the level the demand sits at (grid leader or secretary at
 * the grid, the secretary at the community, officers at the street).
 */
export function stepAllowed(
	action: StepAction,
	userId: string,
	roles: ReadonlySet<Role>,
	d: Demand
): boolean {
	const viewer = { userId, roles };
	const dispatcher =
		DISPATCHERS[d.level].some((r) => roles.has(r)) && canDoWithDemands('dispatch', roles);
	switch (action) {
		case 'withdraw':
			return BEFORE_TAKEN.includes(d.state) && (d.residentId === userId || d.enteredBy === userId);
		case 'dispatch':
			return dispatcher && BEFORE_TAKEN.includes(d.state);
		case 'offer':
			return dispatcher && (d.state === 'filed' || d.state === 'dispatched');
		case 'take':
			return (
				(d.state === 'dispatched' && d.assignee === userId) ||
				(d.state === 'offered' && canDoWithDemands('take', roles))
			);
		case 'decline':
			return d.state === 'dispatched' && d.assignee === userId;
		case 'resolve':
			return canResolve(viewer, d);
		case 'confirm':
		case 'reopen':
			return canAnswer(viewer, d);
	}
}
