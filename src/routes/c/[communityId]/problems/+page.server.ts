import { error, fail } from '@sveltejs/kit';
import { canDoWithDemands } from '$lib/domain/policy';
import { lastMonths, parseGroupKey, problemGroups } from '$lib/domain/problemGroups';
import { audit } from '$lib/server/audit';
import { formField } from '$lib/server/formField';
import { requireUser } from '$lib/server/requireUser';
import { services } from '$lib/server/services';
import type { Actions, PageServerLoad, RequestEvent } from './$types';

const MAX_TITLE = 60;
/** The biggest groups only: a problem list is about what recurs, not every single matter. */
const MAX_GROUPS = 12;
const MIN_TOTAL = 3;
const MAX_DEMANDS = 50_000;

/**
 * The community's problem list (问题清单), for those who may mark problems (its secretary).
 * Anyone else gets the same 404 as for a community that does not exist.
 */
async function guard(event: RequestEvent) {
	const { user } = requireUser(event.locals, event.url);
	const { access, stores } = services();
	const community = await stores.org.unit(event.params.communityId);
	if (!community || community.kind !== 'community') error(404, 'Not Found');
	if (!canDoWithDemands('mark_problem', await access.rolesIn(user.id, community.id)))
		error(404, 'Not Found');
	const units = await access.unitsUnder(community.id);
	return { user, community, units };
}

/** The group's demands of the last six months, from the server's rows (never from the form). */
async function groupsOf(communityId: string) {
	const months = lastMonths(Date.now());
	const demands = await services().stores.demands.query({
		communityIds: [communityId],
		filedFrom: months[0]!.from,
		limit: MAX_DEMANDS
	});
	return { months, groups: problemGroups(demands, months) };
}

export const load: PageServerLoad = async (event) => {
	const { community, units } = await guard(event);
	const { stores } = services();
	const { months, groups } = await groupsOf(community.id);
	const problems = await stores.demands.problems(community.id);
	const entries = await Promise.all(
		problems.map(async (p) => ({
			id: p.id,
			title: p.title,
			category: p.category,
			gridId: p.gridId,
			buildingId: p.buildingId,
			createdAt: p.createdAt,
			boardId: p.boardId,
			linked: (await stores.demands.query({ problemId: p.id, limit: MAX_DEMANDS })).length
		}))
	);
	return {
		community: { id: community.id, name: community.name, nameEn: community.nameEn },
		places: units
			.filter((u) => u.kind === 'grid' || u.kind === 'building')
			.map((u) => ({ id: u.id, name: u.name, nameEn: u.nameEn })),
		months: months.map((m) => m.month),
		groups: groups
			.filter((g) => g.total >= MIN_TOTAL)
			.slice(0, MAX_GROUPS)
			.map((g) => ({
				key: g.key,
				category: g.category,
				gridId: g.gridId,
				buildingId: g.buildingId,
				months: g.months,
				total: g.total,
				unlinked: g.unlinked.length
			})),
		entries
	};
};

export const actions: Actions = {
	/** Marks a group as a problem-list entry and links its demands not yet linked to another. */
	mark: async (event) => {
		const { user, community, units } = await guard(event);
		const data = await event.request.formData();
		const title = formField(data, 'title', MAX_TITLE * 4).trim();
		if (!title || [...title].length > MAX_TITLE) return fail(400, { error: 'badTitle' as const });
		const key = formField(data, 'group', 300);
		const parts = parseGroupKey(key);
		const byId = new Map(units.map((u) => [u.id, u]));
		const grid = parts ? byId.get(parts.gridId) : undefined;
		const building = parts?.buildingId ? byId.get(parts.buildingId) : null;
		if (
			!parts ||
			grid?.kind !== 'grid' ||
			(building !== null && (building?.kind !== 'building' || building.parentId !== grid.id))
		)
			return fail(400, { error: 'badGroup' as const });
		const group = (await groupsOf(community.id)).groups.find(
			(g) => g.key === formField(data, 'group', 300)
		);
		if (!group) return fail(400, { error: 'badGroup' as const });
		const { stores } = services();
		const id = crypto.randomUUID();
		await stores.demands.addProblem({
			id,
			communityId: community.id,
			category: parts.category,
			gridId: parts.gridId,
			buildingId: parts.buildingId,
			title,
			createdBy: user.id,
			createdAt: Date.now(),
			boardId: null
		});
		const linked = await stores.demands.linkProblem(id, group.unlinked);
		await audit(user.id, 'problem_marked', `problem:${id}`, community.id, { demands: linked });
		return { marked: { title, linked } };
	},

	/** Turns an entry into the topic of a new secretary-project board. */
	board: async (event) => {
		const { user, community } = await guard(event);
		const problemId = formField(await event.request.formData(), 'problemId', 64);
		const { stores, projects } = services();
		const problem = await stores.demands.problem(problemId);
		if (!problem || problem.communityId !== community.id)
			return fail(404, { error: 'notFound' as const });
		if (problem.boardId !== null) return fail(400, { error: 'hasBoard' as const });
		try {
			// A project (board + its server row, stage 承诺定题) whose board links the entry.
			const boardId = await projects.fromProblem(user.id, community.id, problem.id);
			return { boardMade: { title: problem.title, boardId } };
		} catch (e) {
			if (e instanceof Error && e.name === 'ProjectError')
				return fail(400, { error: 'hasBoard' as const });
			throw e;
		}
	}
};
