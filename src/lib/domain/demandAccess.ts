import { canDoWithDemands, reachesCommunities } from './policy';
import type { Demand } from './demands';
import type { Role } from './roles';

/**
 * Who sees what of one demand. `roles` are the viewer's roles at the demand's grid (which include
 * those at its community and above). The answer:
 * - `full`: the demand and who filed it;
 * - `anonymous`: the demand without who filed it or for whom — what the party a complaint is
 *   about, and other residents looking at a public demand, get;
 * - `none`: as if it did not exist.
 */
export type DemandView = 'full' | 'anonymous' | 'none';

export interface Viewer {
	userId: string;
	roles: ReadonlySet<Role>;
}

export function demandView(viewer: Viewer, d: Demand): DemandView {
	// The filer and whoever filed on their behalf always see their own demand in full.
	if (d.residentId === viewer.userId || d.enteredBy === viewer.userId) return 'full';
	// A member of the party a complaint is about never learns who filed it — whatever other role
	// they also hold (a property-company employee who is also a grid leader included).
	const complainedAbout = d.about !== null && viewer.roles.has(d.about);
	if (d.assignee === viewer.userId) return complainedAbout ? 'anonymous' : 'full';
	if (canDoWithDemands('read_all', viewer.roles)) return complainedAbout ? 'anonymous' : 'full';
	if (complainedAbout) return 'anonymous';
	// A demand offered to the grid is seen by those who may take it, without the filer until
	// one of them takes it (then the taker is the assignee above).
	if (d.state === 'offered' && mayTake(viewer.roles, d)) return 'anonymous';
	// Public demands are seen by the community, without the filer — not by the district's account
	// administrator, whose role reaches no community's records (see POLICY).
	if (d.visibility === 'public' && d.about === null && [...viewer.roles].some(reachesCommunities))
		return 'anonymous';
	return 'none';
}

/**
 * May someone with these roles (at the demand's grid) work on it? Those the policy lets take
 * demands — except members of the party a complaint is about: nobody handles a complaint about
 * their own side, and the resident's name would reach them as its taker.
 */
export function mayTake(roles: ReadonlySet<Role>, d: Demand): boolean {
	return canDoWithDemands('take', roles) && !(d.about !== null && roles.has(d.about));
}

/** May this viewer record the resolution? Only the person it is assigned to, once taken. */
export function canResolve(viewer: Viewer, d: Demand): boolean {
	return d.state === 'taken' && d.assignee === viewer.userId;
}

/** The resident answers (confirm and rate, or reopen); for a resident without an account, the
 * grid worker who filed for them answers on their behalf. */
export function canAnswer(viewer: Viewer, d: Demand): boolean {
	if (d.state !== 'resolved') return false;
	return d.residentId !== null ? d.residentId === viewer.userId : d.enteredBy === viewer.userId;
}
