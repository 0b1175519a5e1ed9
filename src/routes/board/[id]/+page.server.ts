import { error, fail, redirect } from '@sveltejs/kit';
import { evaluationShown } from '$lib/domain/evaluation';
import { loadDocPage } from '$lib/server/docPageData';
import { formField } from '$lib/server/formField';
import { isProjectRefusal } from '$lib/server/projectApi';
import { services } from '$lib/server/services';
import type { Actions, PageServerLoad, RequestEvent } from './$types';

// Automerge document ids are base58: refuse anything else before a lookup.
const BOARD_ID = /^[1-9A-HJ-NP-Za-km-z]{10,64}$/;

export const load: PageServerLoad = async ({ locals, params, url }) => {
	if (!BOARD_ID.test(params.id)) error(404, 'Not Found');
	const page = await loadDocPage(locals, params.id, 'board', url.pathname);
	const { projects, stores, actionLists } = services();
	// A community's action list is a board of tasks with no project: no stage, no evaluation.
	if (await actionLists.isActionList(params.id)) {
		// Its tasks still have owners to pick: the same editing context as a project's board.
		const editing = await services().boards.editContext(page.me.id, params.id);
		if (!editing) error(404, 'Not Found');
		return {
			...page,
			actionList: true,
			project: null,
			names: {},
			evaluation: null,
			editing
		};
	}
	// The stage and the published pledge are server records, shown beside the board.
	const project = await projects.view(page.me.id, params.id);
	const authors = new Set([
		...project.revisions.map((r) => r.authorId),
		...project.moves.map((m) => m.authorId)
	]);
	const names: Record<string, string> = {};
	for (const id of authors) {
		const u = await stores.users.byId(id);
		if (u) names[id] = u.displayName;
	}
	// Evaluation records are server rows too, loaded with the page (never read from the board);
	// shown from the evaluation stage on, read-only once the project is closed.
	const evaluation = evaluationShown(project.project.stage)
		? await services().evaluation.view(page.me.id, params.id)
		: null;
	// Owning unit, problem list and owner picker for the editor (BoardView).
	const editing = await services().boards.editContext(page.me.id, params.id);
	if (!editing) error(404, 'Not Found');
	return { ...page, actionList: false, project, names, evaluation, editing };
};

/** A stage move or a pledge revision; refusals come back with the unmet gates. */
async function act(event: RequestEvent, run: (userId: string, data: FormData) => Promise<unknown>) {
	const user = event.locals.user;
	if (!user) redirect(303, `/login?redirectTo=${encodeURIComponent(event.url.pathname)}`);
	if (!BOARD_ID.test(event.params.id)) error(404, 'Not Found');
	try {
		await run(user.id, await event.request.formData());
		return { done: true };
	} catch (e) {
		if (!isProjectRefusal(e)) throw e;
		if (e.code === 'not_found') error(404, 'Not Found');
		return fail(e.status, { error: e.code, gates: e.gates });
	}
}

export const actions: Actions = {
	move: (event) =>
		act(event, (userId, data) =>
			services().projects.move(
				userId,
				event.params.id,
				formField(data, 'to', 20),
				formField(data, 'reason', 2000)
			)
		),
	revise: (event) =>
		act(event, (userId, data) =>
			services().projects.revise(userId, event.params.id, formField(data, 'reason', 2000))
		)
};
