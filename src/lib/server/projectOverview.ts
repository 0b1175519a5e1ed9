import { error } from '@sveltejs/kit';
import { beijingDate } from '$lib/domain/metricPeriods';
import { overviewScope } from '$lib/domain/policy';
import {
	filterQuery,
	isOverdue,
	listProjects,
	parseFilters,
	satisfactionOf,
	summarise,
	type OverviewFilters,
	type OverviewProject,
	type OverviewSummary,
	type Satisfaction
} from '$lib/domain/projectOverview';
import type { Unit } from '../../../server/storage/types';
import { requireUser } from './requireUser';
import { services } from './services';

export type OverviewScope = 'all' | 'published';

/** Units whose overview is the district one: everything of the communities below them. */
const DISTRICT_KINDS = new Set(['district', 'street']);

/**
 * The community overview's gate: a role that sees the community's projects (OVERVIEW_POLICY),
 * held there or above; anyone else gets the 404 of a community that does not exist.
 */
export async function communityOverviewGuard(locals: App.Locals, url: URL, communityId: string) {
	const { user } = requireUser(locals, url);
	const { access, stores } = services();
	const community = await stores.org.unit(communityId);
	if (!community || community.kind !== 'community') error(404, 'Not Found');
	const scope = overviewScope(await access.rolesIn(user.id, community.id));
	if (!scope) error(404, 'Not Found');
	return { user, unit: community, scope, communities: [community] };
}

/** The district (or street) overview's gate: a role held at the unit or above it. */
export async function unitOverviewGuard(locals: App.Locals, url: URL, unitId: string) {
	const { user } = requireUser(locals, url);
	const { access, stores } = services();
	const unit = await stores.org.unit(unitId);
	if (!unit || !DISTRICT_KINDS.has(unit.kind)) error(404, 'Not Found');
	const scope = overviewScope(await access.rolesIn(user.id, unit.id));
	if (!scope) error(404, 'Not Found');
	return { user, unit, scope, ...(await communitiesBelow(unit)) };
}

/** A street below a district, with the communities below it. */
export interface StreetGroup {
	unit: Unit;
	communityIds: string[];
}

/**
 * Communities below a street or district, without walking their grids and buildings, and the
 * streets directly below a district with their communities (the district table groups by them).
 */
async function communitiesBelow(
	unit: Unit
): Promise<{ communities: Unit[]; streets: StreetGroup[] }> {
	const { stores } = services();
	const communities: Unit[] = [];
	const streets: StreetGroup[] = [];
	const walk = async (u: Unit, group: StreetGroup | null) => {
		for (const child of await stores.org.children(u.id)) {
			if (child.kind === 'community') {
				communities.push(child);
				group?.communityIds.push(child.id);
			} else if (DISTRICT_KINDS.has(child.kind)) {
				let g = group;
				if (!g) {
					g = { unit: child, communityIds: [] };
					streets.push(g);
				}
				await walk(child, g);
			}
		}
	};
	await walk(unit, null);
	return { communities, streets };
}

export interface Named {
	name: string;
	nameEn: string;
}

/** One project of the list, as the page and the exports show it. */
export interface OverviewItem {
	boardId: string;
	title: string;
	communityId: string;
	community: Named;
	/** The owning unit (the community itself for a community project). */
	owner: Named;
	level: OverviewProject['level'];
	category: OverviewProject['category'];
	stage: OverviewProject['stage'];
	/** The latest published revision of the pledge; null before the first publication. */
	revision: number | null;
	/** From the latest published revision; empty / null before the first publication. */
	responsible: string[];
	deadline: string | null;
	overdue: boolean;
	satisfaction: Satisfaction | null;
}

export interface CommunityFigures {
	id: string;
	name: string;
	nameEn: string;
	summary: OverviewSummary;
}

export interface Overview {
	today: string;
	summary: OverviewSummary;
	filters: OverviewFilters;
	query: string;
	/** The filtered list (what the exports write too). */
	items: OverviewItem[];
	/** Per community below a street or district; empty for a community's own overview. */
	communities: CommunityFigures[];
	/** Per street below a district, with its communities' ids; empty otherwise. */
	streets: (CommunityFigures & { communityIds: string[] })[];
	/** Every surveyed project's latest result (not only the filtered list), for the chart. */
	surveys: (Satisfaction & { boardId: string; title: string })[];
}

/**
 * Everything an overview shows, from one store query (projects with their last published pledge
 * and last closed survey) and the unit names: no board document is read.
 */
export async function overviewData(
	communities: readonly Unit[],
	scope: OverviewScope,
	url: URL,
	/** The district and street overviews' per-community (and per-street) tables. */
	tables: { communities: boolean; streets?: readonly StreetGroup[] },
	now = services().now()
): Promise<Overview> {
	const { stores } = services();
	const rows = await stores.projectOverview.rows(
		communities.map((c) => c.id),
		{ publishedOnly: scope === 'published' }
	);
	const today = beijingDate(now);
	const filters = parseFilters(url.searchParams);
	const names = new Map(communities.map((c): [string, Named] => [c.id, c]));
	for (const id of new Set(rows.map((r) => r.unitId))) {
		if (names.has(id)) continue;
		const u = await stores.org.unit(id);
		if (u) names.set(id, u);
	}
	const nameOf = (id: string, fallback: string): Named => {
		const n = names.get(id) ?? names.get(fallback);
		return n ? { name: n.name, nameEn: n.nameEn } : { name: id, nameEn: id };
	};
	const items = listProjects(rows, filters, today).map((p): OverviewItem => ({
		boardId: p.boardId,
		title: p.title,
		communityId: p.communityId,
		community: nameOf(p.communityId, p.communityId),
		owner: nameOf(p.unitId, p.communityId),
		level: p.level,
		category: p.category,
		stage: p.stage,
		revision: p.pledge?.revision ?? null,
		responsible: p.pledge?.responsible ?? [],
		deadline: p.pledge?.deadline || null,
		overdue: isOverdue(p, today),
		satisfaction: satisfactionOf(p)
	}));
	return {
		today,
		summary: summarise(rows, today),
		filters,
		query: filterQuery(filters),
		items,
		communities: tables.communities ? perCommunityFigures(communities, rows, today) : [],
		streets: (tables.streets ?? []).map((g) => {
			const ids = new Set(g.communityIds);
			return {
				id: g.unit.id,
				name: g.unit.name,
				nameEn: g.unit.nameEn,
				communityIds: g.communityIds,
				summary: summarise(
					rows.filter((r) => ids.has(r.communityId)),
					today
				)
			};
		}),
		surveys: rows.flatMap((p) => {
			const s = satisfactionOf(p);
			return s ? [{ boardId: p.boardId, title: p.title, ...s }] : [];
		})
	};
}

function perCommunityFigures(
	communities: readonly Unit[],
	rows: readonly OverviewProject[],
	today: string
): CommunityFigures[] {
	const by = new Map<string, OverviewProject[]>();
	for (const r of rows) {
		const list = by.get(r.communityId);
		if (list) list.push(r);
		else by.set(r.communityId, [r]);
	}
	return communities.map((c) => ({
		id: c.id,
		name: c.name,
		nameEn: c.nameEn,
		summary: summarise(by.get(c.id) ?? [], today)
	}));
}

/** The streets and districts whose overview the user can open from home (held roles there). */
export async function overviewUnits(userId: string): Promise<Unit[]> {
	const { access, stores } = services();
	const out = new Map<string, Unit>();
	for (const m of await stores.org.membershipsOf(userId)) {
		if (out.has(m.unitId)) continue;
		const unit = await stores.org.unit(m.unitId);
		if (!unit || !DISTRICT_KINDS.has(unit.kind)) continue;
		if (overviewScope(await access.rolesIn(userId, unit.id))) out.set(unit.id, unit);
	}
	return [...out.values()];
}
