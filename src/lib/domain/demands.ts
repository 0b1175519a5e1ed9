import type { Committee, Role } from './roles';

/**
 * Resident demands (群众点单、组织派单、党员接单): the shape of a demand and the rules of its
 * life, as pure data and functions. The server keeps demands as rows (they decide who did what,
 * so they are never CRDT documents); `server/demands/` applies these rules with a clock.
 */

export const DEMAND_CATEGORIES = [
	'repair',
	'safety_hazard',
	'dispute',
	'environment',
	'elderly_care',
	'parking',
	'property_service',
	'other'
] as const;
export type DemandCategory = (typeof DEMAND_CATEGORIES)[number];

export function isDemandCategory(value: unknown): value is DemandCategory {
	return typeof value === 'string' && (DEMAND_CATEGORIES as readonly string[]).includes(value);
}

/**
 * How long each step may take at one level before the demand goes up a level. Working days on
 * the official calendar (see workdays.ts); an urgent demand must be taken within hours of the
 * clock, day or night, because a gas smell does not wait for Monday.
 */
export interface TimeLimit {
	/** Working days to be taken after it lands at a level. */
	takeDays: number;
	/** Working days to be resolved after it is taken. */
	resolveDays: number;
}

export const TIME_LIMITS: Record<DemandCategory, TimeLimit> = {
	repair: { takeDays: 1, resolveDays: 3 },
	safety_hazard: { takeDays: 1, resolveDays: 2 },
	dispute: { takeDays: 1, resolveDays: 5 },
	environment: { takeDays: 1, resolveDays: 3 },
	elderly_care: { takeDays: 1, resolveDays: 2 },
	parking: { takeDays: 2, resolveDays: 5 },
	property_service: { takeDays: 1, resolveDays: 5 },
	other: { takeDays: 2, resolveDays: 5 }
};

/** An urgent demand: taken within this many clock hours, resolved within one working day. */
export const URGENT_TAKE_HOURS = 2;
export const URGENT_RESOLVE_DAYS = 1;

/**
 * Where a demand sits: "small matters stay in the grid, big matters stay in the community". It
 * only ever goes up; the level at which it was resolved says whether it left the grid.
 */
export const DEMAND_LEVELS = ['grid', 'community', 'street'] as const;
export type DemandLevel = (typeof DEMAND_LEVELS)[number];

export function nextLevel(level: DemandLevel): DemandLevel | null {
	const i = DEMAND_LEVELS.indexOf(level);
	return DEMAND_LEVELS[i + 1] ?? null;
}

/** Who dispatches at each level (on top of DEMAND_POLICY.dispatch, which says who may at all). */
export const DISPATCHERS: Record<DemandLevel, readonly Role[]> = {
	grid: ['grid_leader', 'secretary'],
	community: ['secretary'],
	street: ['officer']
};

/**
 * - `filed`: waiting at its level to be dispatched.
 * - `offered`: open for any taker of the grid to take.
 * - `dispatched`: handed to one person, who has not taken it yet.
 * - `taken`: someone is working on it.
 * - `resolved`: the taker says it is done; the resident has not answered yet.
 * - `closed`: the resident confirmed and rated it.
 * - `withdrawn`: the resident withdrew it before it was taken.
 */
export const DEMAND_STATES = [
	'filed',
	'offered',
	'dispatched',
	'taken',
	'resolved',
	'closed',
	'withdrawn'
] as const;
export type DemandState = (typeof DEMAND_STATES)[number];

/** States in which the demand is still someone's work, so escalation clocks run. */
export const OPEN_STATES: readonly DemandState[] = ['filed', 'offered', 'dispatched', 'taken'];

export type Rating = 'satisfied' | 'unsatisfied';
export type Visibility = 'private' | 'public';

/** The parties a complaint can be about: they see the matter but never who filed it. */
export type ComplaintTarget = Committee;

export interface Demand {
	/** Made by the client (a UUID), so a demand written offline and retried is stored once. */
	id: string;
	communityId: string;
	gridId: string;
	buildingId: string | null;
	category: DemandCategory;
	description: string;
	urgent: boolean;
	visibility: Visibility;
	about: ComplaintTarget | null;
	/** The resident's account, or null when a grid worker filed for someone without one. */
	residentId: string | null;
	/** Name of a resident without an account, as the grid worker wrote it. */
	residentName: string | null;
	/** The grid worker who filed on the resident's behalf (代填), or null. */
	enteredBy: string | null;
	state: DemandState;
	level: DemandLevel;
	assignee: string | null;
	filedAt: number;
	/** When the current level's clock for taking runs out (null once taken). */
	takeBy: number | null;
	/** When the clock for resolving runs out (null until taken, and after). */
	resolveBy: number | null;
	takenAt: number | null;
	resolvedAt: number | null;
	closedAt: number | null;
	rating: Rating | null;
	resolution: string | null;
	problemId: string | null;
	updatedAt: number;
}

export const DEMAND_EVENT_KINDS = [
	'filed',
	'dispatched',
	'offered',
	'taken',
	'declined',
	'resolved',
	'closed',
	'reopened',
	'withdrawn',
	'escalated',
	'photo_added'
] as const;
export type DemandEventKind = (typeof DEMAND_EVENT_KINDS)[number];

/** Every step, timed by the server and attributed to the account that took it (null: the clock). */
export interface DemandEvent {
	demandId: string;
	at: number;
	actor: string | null;
	kind: DemandEventKind;
	detail: Record<string, unknown> | null;
}

/** Limits on what a resident can type; checked on the server, mirrored by the form. */
export const MAX_DESCRIPTION = 2000;
/**
 * Demands one person may file through the API: 30 at once (a phone's offline backlog, or a grid
 * leader entering a round of paper forms), then one a minute. Past it the server answers 429 and
 * the outbox keeps the rest for a later try; nothing is dropped.
 */
export const DEMAND_FILINGS = { perMinute: 1, burst: 30 } as const;
export const MAX_RESOLUTION = 2000;
export const MAX_PHOTOS = 6;
export const MAX_PHOTO_BYTES = 8 * 1024 * 1024;
