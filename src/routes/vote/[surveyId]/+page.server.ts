import { error, fail } from '@sveltejs/kit';
import { MAX_COMMENT_LENGTH } from '$lib/domain/evaluation';
import { isEvaluationRefusal } from '$lib/server/evaluationApi';
import { formField } from '$lib/server/formField';
import { requireUser } from '$lib/server/requireUser';
import { services } from '$lib/server/services';
import type { Actions, PageServerLoad } from './$types';

/** The survey as this viewer may see it, or the same 404 as for an unknown id. */
async function surveyFor(userId: string, surveyId: string) {
	const ev = services().evaluation;
	try {
		const { survey, doc } = await ev.survey(userId, surveyId);
		const view = await ev.view(userId, survey.boardId);
		return { doc, survey: view.surveys.find((s) => s.id === survey.id)! };
	} catch (e) {
		if (isEvaluationRefusal(e) && e.code === 'not_found') error(404, 'Not Found');
		throw e;
	}
}

/** The residents' voting page: phone-first, works without JavaScript (a plain form). */
export const load: PageServerLoad = async ({ locals, url, params }) => {
	const { user } = requireUser(locals, url);
	const { doc, survey } = await surveyFor(user.id, params.surveyId);
	return { board: { id: doc.id, title: doc.title }, survey, now: services().evaluation.now() };
};

export const actions: Actions = {
	vote: async ({ locals, url, params, request }) => {
		const { user } = requireUser(locals, url);
		await surveyFor(user.id, params.surveyId);
		const form = await request.formData();
		try {
			await services().evaluation.vote(
				user.id,
				params.surveyId,
				formField(form, 'choice', 40),
				formField(form, 'comment', MAX_COMMENT_LENGTH + 1)
			);
			return { voted: true };
		} catch (e) {
			if (!isEvaluationRefusal(e)) throw e;
			return fail(e.status, { error: e.reason ?? e.code });
		}
	}
};
