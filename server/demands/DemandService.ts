import { demandView, mayTake, type DemandView } from '../../src/lib/domain/demandAccess';
import type { Demand, DemandEvent, DemandEventKind } from '../../src/lib/domain/demands';
import { STEP_ACTIONS, type StepAction } from '../../src/lib/domain/demandSteps';
import { canDoWithDemands } from '../../src/lib/domain/policy';
import type { Role } from '../../src/lib/domain/roles';
import type { AccessService } from '../access/AccessService';
import type { Stores } from '../storage/Stores';
import { loadCalendar, takeDeadline } from './deadlines';
import { DemandError } from './DemandError';
import { DemandPhotos } from './DemandPhotos';
import { parseFilingInput } from './filingInput';
import { escalateOverdue } from './escalate';
import { listDemands, type DemandLists } from './listDemands';
import { planStep } from './planStep';
import { shapeDemand, shapeEvents } from './shapeDemand';
import { stepAllowed } from './stepAllowed';
import { takersOf } from './takersOf';

export interface DemandServiceDeps {
	stores: Stores;
	access: AccessService;
	/** The server's clock; tests pass their own so deadlines can be reached without waiting. */
	now(): number;
}

export { STEP_ACTIONS, type StepAction };

/** One demand as a viewer may see it, with what they may do next. */
export interface DemandDetail {
	demand: Demand;
	view: Exclude<DemandView, 'none'>;
	events: DemandEvent[];
	photos: { fileId: string; stage: 'filed' | 'resolved' }[];
	actions: StepAction[];
}

/**
 * The life of a demand: filing, dispatch, taking, resolution, the resident's answer and
 * escalation. Every step is a compare-and-set on the demand's state plus an event, in one
 * transaction, timed by the server clock and attributed to the session's user.
 */
export class DemandService {
	readonly photos: DemandPhotos;

	constructor(private readonly deps: DemandServiceDeps) {
		this.photos = new DemandPhotos(deps.stores, this);
	}

	now() {
		return this.deps.now();
	}

	/** Roles at the demand's grid (including the community, street and district above). */
	roles(userId: string, gridId: string): Promise<Set<Role>> {
		return this.deps.access.rolesIn(userId, gridId);
	}

	/**
	 * Files a demand, or — for the same client-made id retried by the same user with the same
	 * content — returns the one already stored. Anything else under a known id is refused.
	 */
	async file(userId: string, raw: Record<string, unknown>): Promise<Demand> {
		const input = parseFilingInput(raw);
		const { stores } = this.deps;
		const grid = await stores.org.unit(input.gridId);
		const community = grid?.parentId ? await stores.org.unit(grid.parentId) : null;
		if (grid?.kind !== 'grid' || community?.kind !== 'community')
			throw new DemandError('not_found');
		const roles = await this.roles(userId, grid.id);
		const onBehalf = input.onBehalfOf !== null;
		if (!canDoWithDemands(onBehalf ? 'file_for_other' : 'file', roles)) {
			throw new DemandError(roles.size === 0 ? 'not_found' : 'forbidden');
		}
		if (input.buildingId !== null) {
			const b = await stores.org.unit(input.buildingId);
			if (b?.kind !== 'building' || b.parentId !== grid.id)
				throw new DemandError('invalid', 'buildingId');
		}
		const now = this.now();
		const cal = await loadCalendar(stores.calendar);
		const demand: Demand = {
			id: input.id,
			communityId: community.id,
			gridId: grid.id,
			buildingId: input.buildingId,
			category: input.category,
			description: input.description,
			urgent: input.urgent,
			visibility: input.visibility,
			about: input.about,
			residentId: onBehalf ? null : userId,
			residentName: input.onBehalfOf,
			enteredBy: onBehalf ? userId : null,
			state: 'filed',
			level: 'grid',
			assignee: null,
			filedAt: now,
			takeBy: takeDeadline(cal, input, now),
			resolveBy: null,
			takenAt: null,
			resolvedAt: null,
			closedAt: null,
			rating: null,
			resolution: null,
			problemId: null,
			updatedAt: now
		};
		const inserted = await stores.transaction(async () => {
			if (!(await stores.demands.insert(demand))) return false;
			await this.#event(demand.id, userId, 'filed', onBehalf ? { onBehalf: true } : null);
			return true;
		});
		if (inserted) return demand;
		const existing = await stores.demands.get(demand.id);
		if (existing && sameFiling(existing, demand)) return existing;
		throw new DemandError('id_taken');
	}

	/** The demand as this user may see it, or null exactly as for an unknown id. */
	async detail(userId: string, id: string): Promise<DemandDetail | null> {
		const d = await this.deps.stores.demands.get(id);
		if (!d) return null;
		const roles = await this.roles(userId, d.gridId);
		const view = demandView({ userId, roles }, d);
		if (view === 'none') return null;
		const [events, photos] = await Promise.all([
			this.deps.stores.demands.events(id),
			this.deps.stores.demands.photos(id)
		]);
		return {
			demand: shapeDemand(d, view),
			view,
			events: shapeEvents(d, events, view),
			photos,
			actions: STEP_ACTIONS.filter((a) => stepAllowed(a, userId, roles, d))
		};
	}

	lists(userId: string, communityId: string): Promise<DemandLists> {
		return listDemands(this, this.deps.stores, userId, communityId);
	}

	/** One step on a demand. Refusals: not_found (cannot see it), forbidden, conflict (stale). */
	async act(userId: string, id: string, action: StepAction, body: Record<string, unknown>) {
		const { stores } = this.deps;
		const d = await stores.demands.get(id);
		if (!d) throw new DemandError('not_found');
		const roles = await this.roles(userId, d.gridId);
		if (demandView({ userId, roles }, d) === 'none') throw new DemandError('not_found');
		// On a closed or withdrawn demand nothing can be done any more: a stale page, not a right.
		if (!stepAllowed(action, userId, roles, d)) {
			throw new DemandError(
				d.state === 'closed' || d.state === 'withdrawn' ? 'conflict' : 'forbidden'
			);
		}
		const now = this.now();
		const step = await planStep(action, userId, d, body, now, {
			calendar: () => loadCalendar(stores.calendar),
			mayTake: async (id, demand) => {
				const u = await stores.users.byId(id);
				return !!u && !u.disabled && mayTake(await this.roles(id, demand.gridId), demand);
			},
			takers: (demand) => takersOf(stores, this.deps.access, demand)
		});
		const done = await stores.transaction(async () => {
			if (!(await stores.demands.update(id, d.state, { ...step.patch, updatedAt: now })))
				return false;
			await this.#event(id, userId, step.kind, step.detail);
			for (const to of step.notify) {
				await stores.notifications.add({
					userId: to,
					at: now,
					kind: step.note!,
					demandId: id,
					detail: null
				});
			}
			return true;
		});
		// Someone else changed it between our read and our write.
		if (!done) throw new DemandError('conflict');
		return (await stores.demands.get(id))!;
	}

	/** Escalates every open demand whose clock ran out at `now`; returns how many went up. */
	sweep(now = this.now()): Promise<number> {
		return escalateOverdue(this.deps.stores, now);
	}

	async #event(
		demandId: string,
		actor: string | null,
		kind: DemandEventKind,
		detail: DemandEvent['detail']
	) {
		await this.deps.stores.demands.addEvent({ demandId, at: this.now(), actor, kind, detail });
	}
}

/** A retried filing: same filer and same content (the server-decided fields aside). */
function sameFiling(a: Demand, b: Demand): boolean {
	const keys = [
		'communityId',
		'gridId',
		'buildingId',
		'category',
		'description',
		'urgent',
		'visibility',
		'about',
		'residentId',
		'residentName',
		'enteredBy'
	] as const;
	return keys.every((k) => a[k] === b[k]);
}
