import {
	chartsOf,
	dashboardData,
	dashboardGuard,
	periodDates,
	periodFrom
} from '$lib/server/dashboard';
import { services } from '$lib/server/services';
import type { PageServerLoad } from './$types';

/**
 * One dashboard for any grid, community, street or district the user may see numbers for: the
 * unit's headline figures against the previous period, charts, its child units side by side, and
 * per-person figures for roles with `read_people`.
 */
export const load: PageServerLoad = async ({ locals, url, params }) => {
	const { unit, readPeople } = await dashboardGuard(locals, url, params.unitId);
	const chosen = periodFrom(url);
	const { figures, demands, people } = await dashboardData(
		unit.id,
		chosen.period,
		readPeople,
		'children'
	);
	const { stores } = services();
	const children = (await stores.org.children(unit.id))
		.filter((c) => figures.has(c.id))
		.map((c) => ({
			id: c.id,
			name: c.name,
			nameEn: c.nameEn,
			kind: c.kind,
			figures: figures.get(c.id)!
		}));
	const parent = unit.parentId ? await stores.org.unit(unit.parentId) : null;
	return {
		unit: { id: unit.id, name: unit.name, nameEn: unit.nameEn, kind: unit.kind },
		// Only link up when the user may see the parent's numbers too.
		parent:
			parent && (await canSee(locals, url, parent.id))
				? { id: parent.id, name: parent.name, nameEn: parent.nameEn }
				: null,
		choice: chosen.choice,
		fellBack: chosen.fellBack,
		dates: periodDates(chosen.period),
		figures: figures.get(unit.id)!,
		children,
		...chartsOf(demands, chosen.period),
		people: people && {
			rows: people.people.map((p) => ({ ...p, name: people.names.get(p.userId) ?? p.userId })),
			volunteersMobilised: people.volunteersMobilised,
			resourcesBroughtIn: people.resourcesBroughtIn
		}
	};
};

async function canSee(locals: App.Locals, url: URL, unitId: string): Promise<boolean> {
	try {
		await dashboardGuard(locals, url, unitId);
		return true;
	} catch {
		return false;
	}
}
