import { nextLevel, type Demand, type DemandLevel } from '../../src/lib/domain/demands';
import type { Role } from '../../src/lib/domain/roles';
import type { WorkCalendar } from '../../src/lib/domain/workdays';
import type { Stores } from '../storage/Stores';
import { loadCalendar, takeDeadline } from './deadlines';

const BATCH = 100;
/** Levels a demand can still go up from; at the street it stays, and shows as overdue. */
const BELOW_TOP: readonly DemandLevel[] = ['grid', 'community'];

/**
 * Sends every open demand whose take or resolve clock ran out at `now` up one level (grid →
 * community → street): back to waiting for dispatch there, with that level's fresh deadline, an
 * `escalated` event by the clock (actor null), and a notification to the new level's dispatchers.
 */
export async function escalateOverdue(stores: Stores, now: number): Promise<number> {
	const cal = await loadCalendar(stores.calendar);
	let moved = 0;
	// Bounded: a fresh deadline is always in the future, so a demand is not found twice, but a
	// demand another request keeps changing must not hold the sweep forever.
	for (let round = 0; round < 50; round++) {
		const batch = await stores.demands.overdue(now, BATCH, BELOW_TOP);
		for (const d of batch) if (await escalate(stores, cal, d, now)) moved++;
		if (batch.length < BATCH) break;
	}
	return moved;
}

async function escalate(stores: Stores, cal: WorkCalendar, d: Demand, now: number) {
	const to = nextLevel(d.level);
	if (!to) return false;
	const reason = d.state === 'taken' ? 'resolve' : 'take';
	const recipients = await dispatchersAt(stores, d.communityId, to);
	return stores.transaction(async () => {
		const moved = await stores.demands.update(d.id, d.state, {
			level: to,
			state: 'filed',
			assignee: null,
			takenAt: null,
			takeBy: takeDeadline(cal, d, now),
			resolveBy: null,
			updatedAt: now
		});
		if (!moved) return false;
		const detail = { from: d.level, to, reason, assignee: d.assignee };
		await stores.demands.addEvent({
			demandId: d.id,
			at: now,
			actor: null,
			kind: 'escalated',
			detail
		});
		for (const userId of recipients) {
			await stores.notifications.add({
				userId,
				at: now,
				kind: 'demand_escalated',
				demandId: d.id,
				detail: { from: d.level, to, reason }
			});
		}
		return true;
	});
}

/** Community: its secretaries. Street: the officers of the community's street. */
async function dispatchersAt(stores: Stores, communityId: string, level: DemandLevel) {
	let unitId: string | undefined = communityId;
	let role: Role = 'secretary';
	if (level === 'street') {
		unitId = (await stores.org.ancestry(communityId)).find((u) => u.kind === 'street')?.id;
		role = 'officer';
	}
	if (!unitId) return [];
	const members = await stores.org.membersOf(unitId);
	return [...new Set(members.filter((m) => m.role === role).map((m) => m.userId))];
}
