import { canSeeMeeting } from '$lib/domain/meetings';
import { accessFor, canDoWithDemands, canDoWithResources, overviewScope } from '$lib/domain/policy';
import { services } from '$lib/server/services';
import { requireUser } from '$lib/server/requireUser';
import { dashboardUnits } from '$lib/server/dashboard';
import { overviewUnits } from '$lib/server/projectOverview';
import type { PageServerLoad } from './$types';

/** Home: the user's communities and, in each, the documents they may open. */
export const load: PageServerLoad = async ({ locals, url }) => {
	const { user } = requireUser(locals, url);
	const { access, stores } = services();
	const memberships = await stores.org.membershipsOf(user.id);
	const ledGrids = await Promise.all(
		memberships.filter((ms) => ms.role === 'grid_leader').map((ms) => stores.org.unit(ms.unitId))
	);
	const [communities, docs, adminDistricts, dashboards, overviews] = await Promise.all([
		access.communitiesOf(user.id),
		access.documents(user.id),
		access.districtsFor(user.id, 'manage_accounts'),
		dashboardUnits(user.id),
		overviewUnits(user.id)
	]);
	// Department representatives and administrators keep a district's or street's resource list.
	const resourceUnits = await Promise.all(
		memberships
			.filter((ms) => canDoWithResources('publish', [ms.role]))
			.map((ms) => stores.org.unit(ms.unitId))
	);
	return {
		resourceUnits: resourceUnits
			.filter((u) => u?.kind === 'district' || u?.kind === 'street')
			.map((u) => ({ id: u!.id, name: u!.name, nameEn: u!.nameEn })),
		overviews: overviews.map((u) => ({ id: u.id, name: u.name, nameEn: u.nameEn })),
		// A grid is named with its community: "第1网格" alone could be any community's.
		dashboards: await Promise.all(
			dashboards.map(async (u) => {
				const up = u.kind === 'grid' && u.parentId ? await stores.org.unit(u.parentId) : null;
				return {
					id: u.id,
					name: up ? `${up.name} · ${u.name}` : u.name,
					nameEn: up ? `${up.nameEn} · ${u.nameEn}` : u.nameEn
				};
			})
		),
		adminDistricts: adminDistricts.map((d) => ({ id: d.id, name: d.name, nameEn: d.nameEn })),
		communities: await Promise.all(
			communities.map(async (c) => ({
				id: c.id,
				name: c.name,
				nameEn: c.nameEn,
				canManageMembers: await access.can(user.id, 'invite', c.id),
				canReadAudit: await access.can(user.id, 'read_audit', c.id),
				canMarkProblems: canDoWithDemands('mark_problem', await access.rolesIn(user.id, c.id)),
				canManageChain: canDoWithDemands('manage_chain', await access.rolesIn(user.id, c.id)),
				canSeeProjects: overviewScope(await access.rolesIn(user.id, c.id)) !== null,
				// Joint meetings and the action list (issue 6): for whoever may see them.
				canSeeMeetings: canSeeMeeting('published', await access.rolesIn(user.id, c.id)),
				canSeeActionList: accessFor('board', await access.rolesIn(user.id, c.id)) !== 'none',
				ledGrids: ledGrids
					.filter((g) => g?.parentId === c.id)
					.map((g) => ({ id: g!.id, name: g!.name, nameEn: g!.nameEn })),
				documents: await Promise.all(
					docs
						.filter((d) => d.doc.communityId === c.id)
						.map(async ({ doc, level }) => ({
							id: doc.id,
							kind: doc.kind,
							title: doc.title,
							access: level,
							actionList:
								doc.kind === 'board' && (await stores.actionLists.byBoard(doc.id)) !== null
						}))
				)
			}))
		)
	};
};
