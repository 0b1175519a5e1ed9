import type { DemandCategory } from '../../src/lib/domain/demands';

/**
 * How the demo history's communities and grids behave: volumes, speed, escalation, satisfaction,
 * and the recurring problems that make the problem list worth reading.
 */
export const CATEGORY_WEIGHTS: Record<DemandCategory, number> = {
	repair: 30,
	environment: 14,
	property_service: 13,
	parking: 10,
	elderly_care: 10,
	safety_hazard: 9,
	dispute: 8,
	other: 6
};
/** Typical hours to resolve (at the start of the history; they fall over it). */
export const BASE_HOURS: Record<DemandCategory, number> = {
	repair: 40,
	safety_hazard: 24,
	dispute: 90,
	environment: 30,
	elderly_care: 26,
	parking: 60,
	property_service: 100,
	other: 70
};

export interface GridProfile {
	id: string;
	buildings: string[];
	/** Multiplies resolution time. */
	slow: number;
	escalate: number;
	satisfied: number;
	/** A building with a recurring problem, and which. */
	hotspot?: { building: string; category: DemandCategory; weight: number };
}

export interface CommunityProfile {
	id: string;
	streetOfficer: string | null;
	secretary: string | null;
	/** Demands per day at full adoption. */
	perDay: number;
	grids: GridProfile[];
}

const grid = (id: string, from: number, p: Omit<GridProfile, 'id' | 'buildings'>): GridProfile => ({
	id,
	buildings: [from, from + 1, from + 2].map((n) => `${id}-b${n}`),
	...p
});

export const COMMUNITIES: CommunityProfile[] = [
	{
		id: 'c-a',
		streetOfficer: 'u-officer',
		secretary: 'u-secretary',
		perDay: 1.6,
		grids: [
			grid('c-a-g1', 1, { slow: 0.8, escalate: 0.06, satisfied: 0.95 }),
			grid('c-a-g2', 4, {
				slow: 1.35,
				escalate: 0.22,
				satisfied: 0.76,
				hotspot: { building: 'c-a-g2-b5', category: 'property_service', weight: 0.3 }
			})
		]
	},
	{
		id: 'c-b',
		streetOfficer: 'u-officer',
		secretary: null,
		perDay: 1.0,
		grids: [
			grid('c-b-g1', 1, {
				slow: 1,
				escalate: 0.1,
				satisfied: 0.88,
				hotspot: { building: 'c-b-g1-b2', category: 'parking', weight: 0.2 }
			}),
			grid('c-b-g2', 4, { slow: 0.95, escalate: 0.12, satisfied: 0.9 })
		]
	},
	{
		id: 'c-c',
		streetOfficer: null,
		secretary: null,
		perDay: 0.7,
		grids: [
			grid('c-c-g1', 1, { slow: 1.2, escalate: 0.15, satisfied: 0.84 }),
			grid('c-c-g2', 4, { slow: 1.1, escalate: 0.12, satisfied: 0.86 })
		]
	}
];
