import { error, fail } from '@sveltejs/kit';
import { MAX_PHOTOS, MAX_RESOLUTION } from '$lib/domain/demands';
import { isStepAction } from '$lib/domain/demandSteps';
import { canDoWithDemands, DEMAND_POLICY } from '$lib/domain/policy';
import { isRefusal, namesFor } from '$lib/server/demandApi';
import { formField } from '$lib/server/formField';
import { requireUser } from '$lib/server/requireUser';
import { services } from '$lib/server/services';
import type { Actions, PageServerLoad } from './$types';

/** People the dispatcher may hand this grid's demands to: those who hold `take` there. */
async function takersOf(gridId: string, communityId: string) {
	const { stores, access } = services();
	const units = [communityId, gridId, ...(await stores.org.children(gridId)).map((b) => b.id)];
	const ids = new Set<string>();
	for (const u of units) {
		for (const m of await stores.org.membersOf(u)) {
			if (DEMAND_POLICY.take.includes(m.role)) ids.add(m.userId);
		}
	}
	const out: { id: string; name: string }[] = [];
	for (const id of ids) {
		const u = await stores.users.byId(id);
		if (u && !u.disabled && canDoWithDemands('take', await access.rolesIn(id, gridId))) {
			out.push({ id, name: u.displayName });
		}
	}
	return out.sort((a, b) => a.name.localeCompare(b.name, 'zh-CN'));
}

/** One demand as the viewer may see it; 404 for one they may not, exactly as for none. */
export const load: PageServerLoad = async ({ locals, url, params }) => {
	const { user } = requireUser(locals, url);
	const { demands, stores } = services();
	const detail = await demands.detail(user.id, params.id);
	if (!detail) error(404, 'Not Found');
	const d = detail.demand;
	const [grid, building, community] = await Promise.all([
		stores.org.unit(d.gridId),
		d.buildingId ? stores.org.unit(d.buildingId) : null,
		stores.org.unit(d.communityId)
	]);
	const place = (u: typeof grid) => (u ? { name: u.name, nameEn: u.nameEn } : null);
	return {
		...detail,
		now: demands.now(),
		names: await namesFor(d, detail.events),
		place: { community: place(community), grid: place(grid), building: place(building) },
		takers: detail.actions.includes('dispatch') ? await takersOf(d.gridId, d.communityId) : []
	};
};

export const actions: Actions = {
	/** One step; for `resolve`, the taker's photos come in the same form. */
	act: async ({ locals, url, params, request }) => {
		const { user } = requireUser(locals, url);
		const { demands } = services();
		if (!(await demands.detail(user.id, params.id))) error(404, 'Not Found');
		const form = await request.formData();
		const action = formField(form, 'action', 20);
		if (!isStepAction(action)) return fail(400, { error: 'invalid' });
		const body = {
			to: formField(form, 'to', 64),
			text: formField(form, 'text', MAX_RESOLUTION),
			rating: formField(form, 'rating', 20)
		};
		try {
			if (action === 'resolve') {
				const photos = form
					.getAll('photos')
					.filter((p): p is File => p instanceof File && p.size > 0);
				for (const p of photos.slice(0, MAX_PHOTOS)) {
					await demands.photos.add(
						user.id,
						params.id,
						'resolved',
						new Uint8Array(await p.arrayBuffer())
					);
				}
			}
			await demands.act(user.id, params.id, action, body);
		} catch (e) {
			if (isRefusal(e)) {
				if (e.code === 'not_found') error(404, 'Not Found');
				return fail(e.status, { error: e.code });
			}
			throw e;
		}
		return { done: action };
	}
};
