import {
	MAX_RESOLUTION,
	type Demand,
	type DemandEvent,
	type DemandEventKind
} from '../../src/lib/domain/demands';
import type { StepAction } from '../../src/lib/domain/demandSteps';
import type { WorkCalendar } from '../../src/lib/domain/workdays';
import { resolveDeadline } from './deadlines';
import { DemandError } from './DemandError';

/** What one step changes, the event it leaves, and whom it tells. */
export interface Step {
	patch: Partial<Demand>;
	kind: DemandEventKind;
	detail: DemandEvent['detail'];
	notify: string[];
	note?: 'demand_dispatched' | 'demand_offered' | 'demand_resolved' | 'demand_reopened';
}

export interface StepContext {
	calendar(): Promise<WorkCalendar>;
	/** Is this an enabled account that holds `take` at the grid? */
	/** May this user work on this demand (see `mayTake` in demandAccess)? */
	mayTake(userId: string, d: Demand): Promise<boolean>;
	/** Everyone who could take this demand if it were offered to its grid (see `takersOf`). */
	takers(d: Demand): Promise<string[]>;
}

/** The change a permitted step makes, after checking its own input (assignee, text, rating). */
export async function planStep(
	action: StepAction,
	userId: string,
	d: Demand,
	body: Record<string, unknown>,
	now: number,
	ctx: StepContext
): Promise<Step> {
	const step = (s: Partial<Step> & Pick<Step, 'patch' | 'kind'>): Step => ({
		detail: null,
		notify: [],
		...s
	});
	switch (action) {
		case 'withdraw':
			return step({
				patch: { state: 'withdrawn', assignee: null, takeBy: null },
				kind: 'withdrawn'
			});
		case 'dispatch': {
			const to = typeof body.to === 'string' ? body.to : '';
			if (!to || !(await ctx.mayTake(to, d))) {
				throw new DemandError('bad_assignee');
			}
			return step({
				patch: { state: 'dispatched', assignee: to },
				kind: 'dispatched',
				detail: { to },
				notify: [to],
				note: 'demand_dispatched'
			});
		}
		case 'offer':
			// The grid's takers hear of it (never more than they are); not the one who offered it.
			return step({
				patch: { state: 'offered', assignee: null },
				kind: 'offered',
				notify: (await ctx.takers(d)).filter((id) => id !== userId),
				note: 'demand_offered'
			});
		case 'take': {
			const cal = await ctx.calendar();
			return step({
				patch: {
					state: 'taken',
					assignee: userId,
					takenAt: now,
					takeBy: null,
					resolveBy: resolveDeadline(cal, d, now)
				},
				kind: 'taken'
			});
		}
		case 'decline':
			return step({ patch: { state: 'filed', assignee: null }, kind: 'declined' });
		case 'resolve': {
			const text = typeof body.text === 'string' ? body.text.trim() : '';
			if (text.length === 0 || text.length > MAX_RESOLUTION)
				throw new DemandError('invalid', 'text');
			const filer = d.residentId ?? d.enteredBy;
			return step({
				patch: { state: 'resolved', resolution: text, resolvedAt: now, resolveBy: null },
				kind: 'resolved',
				notify: filer ? [filer] : [],
				note: 'demand_resolved'
			});
		}
		case 'confirm': {
			const rating = body.rating;
			if (rating !== 'satisfied' && rating !== 'unsatisfied')
				throw new DemandError('invalid', 'rating');
			return step({
				patch: { state: 'closed', rating, closedAt: now },
				kind: 'closed',
				detail: { rating }
			});
		}
		case 'reopen': {
			const cal = await ctx.calendar();
			const reason = typeof body.text === 'string' ? body.text.trim().slice(0, MAX_RESOLUTION) : '';
			// Back to the same taker, with a fresh clock to resolve it.
			return step({
				patch: { state: 'taken', resolvedAt: null, resolveBy: resolveDeadline(cal, d, now) },
				kind: 'reopened',
				detail: reason ? { reason } : null,
				notify: d.assignee ? [d.assignee] : [],
				note: 'demand_reopened'
			});
		}
	}
}
