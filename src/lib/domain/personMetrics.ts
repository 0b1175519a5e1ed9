import { inPeriod, isDone, type DemandFacts, type Period } from './demandMetrics';
import type { DemandEvent } from './demands';

/**
 * Numbers per person (知事识人): who takes demands, who resolves them, how residents rate it.
 * Shown only to roles with DEMAND_POLICY `read_people`. Same cohort rule as the unit figures:
 * demands filed in the period. Who did what comes from the server's events, never from a field
 * a client could set.
 */
export interface PersonFigures {
	userId: string;
	/** Distinct demands this person took. */
	taken: number;
	/** Distinct demands now resolved or closed whose last resolution this person recorded. */
	resolved: number;
	rated: number;
	satisfied: number;
	satisfactionRate: number | null;
}

export interface PeopleFigures {
	people: PersonFigures[];
	/** Distinct people who took a demand of the period (党员、志愿者 mobilised). */
	volunteersMobilised: number;
	/** Resources brought in: none are recorded yet (issue 5 adds the resource list). */
	resourcesBroughtIn: number | null;
}

export function personFigures(
	demands: readonly DemandFacts[],
	events: readonly Pick<DemandEvent, 'demandId' | 'at' | 'actor' | 'kind'>[],
	period: Period
): PeopleFigures {
	const cohort = new Map(demands.filter((d) => inPeriod(d, period)).map((d) => [d.id, d]));
	const takenBy = new Map<string, Set<string>>();
	const lastResolver = new Map<string, string>();
	// Oldest first, so the last `resolved` event wins after a reopen.
	const ordered = [...events].sort((a, b) => a.at - b.at);
	for (const e of ordered) {
		if (!cohort.has(e.demandId) || e.actor === null) continue;
		if (e.kind === 'taken') {
			let set = takenBy.get(e.actor);
			if (!set) takenBy.set(e.actor, (set = new Set()));
			set.add(e.demandId);
		} else if (e.kind === 'resolved') {
			lastResolver.set(e.demandId, e.actor);
		}
	}
	const byPerson = new Map<string, PersonFigures>();
	const row = (userId: string) => {
		let r = byPerson.get(userId);
		if (!r) {
			r = { userId, taken: 0, resolved: 0, rated: 0, satisfied: 0, satisfactionRate: null };
			byPerson.set(userId, r);
		}
		return r;
	};
	for (const [userId, set] of takenBy) row(userId).taken = set.size;
	for (const [demandId, userId] of lastResolver) {
		const d = cohort.get(demandId)!;
		if (!isDone(d)) continue;
		const r = row(userId);
		r.resolved++;
		if (d.rating !== null) r.rated++;
		if (d.rating === 'satisfied') r.satisfied++;
	}
	const people = [...byPerson.values()]
		.map((r) => ({ ...r, satisfactionRate: r.rated === 0 ? null : r.satisfied / r.rated }))
		.sort(
			(a, b) => b.resolved - a.resolved || b.taken - a.taken || a.userId.localeCompare(b.userId)
		);
	return { people, volunteersMobilised: takenBy.size, resourcesBroughtIn: null };
}
