import type { Demand, DemandEvent } from '../../src/lib/domain/demands';
import type { DemandView } from '../../src/lib/domain/demandAccess';

/**
 * What a viewer gets of a demand: with an `anonymous` view, nothing that says who filed it or
 * for whom — the fields, and the actor of any step they took themselves.
 */
export function shapeDemand(d: Demand, view: Exclude<DemandView, 'none'>): Demand {
	if (view === 'full') return d;
	return { ...d, residentId: null, residentName: null, enteredBy: null };
}

export function shapeEvents(
	d: Demand,
	events: readonly DemandEvent[],
	view: Exclude<DemandView, 'none'>
): DemandEvent[] {
	if (view === 'full') return [...events];
	const hidden = new Set([d.residentId, d.enteredBy].filter((x): x is string => x !== null));
	return events.map((e) => (e.actor !== null && hidden.has(e.actor) ? { ...e, actor: null } : e));
}
