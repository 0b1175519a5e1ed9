import { error, redirect } from '@sveltejs/kit';
import { epochToBeijing } from '$lib/domain/meetings';
import { formField } from '$lib/server/formField';
import { isMeetingRefusal, meetingAction } from '$lib/server/meetingPages';
import { requireUser } from '$lib/server/requireUser';
import { services } from '$lib/server/services';
import type { Actions, PageServerLoad } from './$types';

/**
 * A community's joint meetings: the list (a resident sees no drafts) and, for the secretary, the
 * form that creates one. Anyone who may not see the community's meetings gets the 404 an
 * unknown community gets.
 */
export const load: PageServerLoad = async ({ locals, params, url }) => {
	const { user } = requireUser(locals, url);
	const { meetings, stores } = services();
	try {
		const { meetings: list, canCreate } = await meetings.list(user.id, params.communityId);
		const community = (await stores.org.unit(params.communityId))!;
		// A week from today at 9:00, Beijing time: the usual slot, easy to change.
		const suggested = epochToBeijing(Date.now() + 7 * 86_400_000);
		return {
			community: { id: community.id, name: community.name, nameEn: community.nameEn },
			meetings: list.map((m) => ({
				id: m.id,
				title: m.title,
				startsAt: m.startsAt,
				place: m.place,
				state: m.state,
				committees: m.committees
			})),
			canCreate,
			suggested: { date: suggested.date, time: '09:00' }
		};
	} catch (e) {
		if (isMeetingRefusal(e)) error(404, 'Not Found');
		throw e;
	}
};

export const actions: Actions = {
	create: async (event) => {
		const result = await meetingAction(event, (userId, data) =>
			services().meetings.create(userId, event.params.communityId, {
				title: formField(data, 'title', 200),
				date: formField(data, 'date', 20),
				time: formField(data, 'time', 20),
				place: formField(data, 'place', 200),
				committees: data.getAll('committees').slice(0, 10),
				otherParties: formField(data, 'otherParties', 2000)
			})
		);
		if ('result' in result && typeof result.result === 'string') {
			redirect(303, `/m/${result.result}`);
		}
		return result;
	}
};
