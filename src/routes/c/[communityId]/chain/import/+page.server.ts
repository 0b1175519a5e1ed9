import { fail } from '@sveltejs/kit';
import { audit } from '$lib/server/audit';
import { chainUnitFor } from '$lib/server/chainPages';
import { formField } from '$lib/server/formField';
import { requireUser } from '$lib/server/requireUser';
import { services } from '$lib/server/services';
import type { Actions, PageServerLoad, RequestEvent } from './$types';

/** Larger than a community's residents ever need; SvelteKit's own body limit applies first. */
const MAX_UPLOAD_BYTES = 5 * 1024 * 1024;

async function guard(event: RequestEvent) {
	const { user } = requireUser(event.locals, event.url);
	const community = await chainUnitFor(
		user.id,
		event.params.communityId,
		'community',
		'manage_chain'
	);
	return { user, community };
}

export const load: PageServerLoad = async (event) => {
	const { community } = await guard(event);
	return { community: { id: community.id, name: community.name, nameEn: community.nameEn } };
};

export const actions: Actions = {
	/** Reads the file and shows what importing it would do; nothing is written yet. */
	preview: async (event) => {
		const { user, community } = await guard(event);
		const file = (await event.request.formData()).get('file');
		if (!(file instanceof File) || file.size === 0) return fail(400, { error: 'badFile' as const });
		if (file.size > MAX_UPLOAD_BYTES) return fail(400, { error: 'tooLarge' as const });
		const bytes = new Uint8Array(await file.arrayBuffer());
		const result = await services().chainImport.previewFile(community.id, user.id, bytes);
		if (result === 'badFile') return fail(400, { error: 'badFile' as const });
		if (result === 'busy') return fail(503, { error: 'busy' as const });
		return { preview: result.plan, key: result.key };
	},

	/** Applies the previewed file in one transaction. */
	apply: async (event) => {
		const { user, community } = await guard(event);
		const key = formField(await event.request.formData(), 'key', 64);
		const plan = await services().chainImport.apply(community.id, user.id, key);
		if (!plan) return fail(400, { error: 'changed' as const });
		await audit(user.id, 'residents_imported', `unit:${community.id}`, community.id, {
			rows: plan.rows,
			newGrids: plan.newGrids,
			newBuildings: plan.newBuildings,
			newPeople: plan.newPeople,
			problems: plan.problems.length
		});
		return { applied: plan };
	}
};
