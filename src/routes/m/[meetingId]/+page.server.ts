import { error } from '@sveltejs/kit';
import { isMeetingId } from '$lib/domain/meetings';
import { formField } from '$lib/server/formField';
import { isMeetingRefusal, meetingAction } from '$lib/server/meetingPages';
import { requireUser } from '$lib/server/requireUser';
import { services } from '$lib/server/services';
import type { Actions, PageServerLoad, RequestEvent } from './$types';

/**
 * One joint meeting: its details, state and moves, agenda revisions and the committees'
 * signatures — all server records. A meeting the user may not see (a resident and a draft, an
 * outsider) gets the 404 an unknown id gets.
 */
export const load: PageServerLoad = async ({ locals, params, url }) => {
	const { user } = requireUser(locals, url);
	if (!isMeetingId(params.meetingId)) error(404, 'Not Found');
	const { meetings, stores } = services();
	try {
		const view = await meetings.view(user.id, params.meetingId);
		const community = (await stores.org.unit(view.meeting.communityId))!;
		return {
			view,
			me: user.id,
			community: { id: community.id, name: community.name, nameEn: community.nameEn }
		};
	} catch (e) {
		if (isMeetingRefusal(e)) error(404, 'Not Found');
		throw e;
	}
};

/** A form action on this meeting; a malformed id is refused before any lookup. */
function act(event: RequestEvent, run: (userId: string, data: FormData) => Promise<unknown>) {
	return meetingAction(event, (userId, data) => {
		if (!isMeetingId(event.params.meetingId)) error(404, 'Not Found');
		return run(userId, data);
	});
}

export const actions: Actions = {
	move: (event) =>
		act(event, (userId, data) =>
			services().meetings.move(userId, event.params.meetingId, formField(data, 'to', 20))
		),
	edit: (event) =>
		act(event, (userId, data) =>
			services().meetings.edit(userId, event.params.meetingId, {
				title: formField(data, 'title', 200),
				date: formField(data, 'date', 20),
				time: formField(data, 'time', 20),
				place: formField(data, 'place', 200),
				committees: data.getAll('committees').slice(0, 10),
				otherParties: formField(data, 'otherParties', 2000)
			})
		),
	correct: (event) =>
		act(event, (userId, data) =>
			services().meetings.correct(userId, event.params.meetingId, formField(data, 'reason', 2000))
		),
	sign: (event) =>
		act(event, (userId, data) =>
			services().meetings.sign(
				userId,
				event.params.meetingId,
				formField(data, 'committee', 40),
				// Absent: the minutes as a whole; else one item of the current revision.
				formField(data, 'item', 40)
			)
		),
	withdraw: (event) =>
		act(event, (userId, data) =>
			services().meetings.withdraw(userId, event.params.meetingId, formField(data, 'signature', 20))
		)
};
