import { error, type RequestEvent } from '@sveltejs/kit';
import { isAgendaId } from '$lib/domain/agenda';
import { isMeetingRefusal, meetingAction } from './meetingPages';
import { services } from './services';

/** The agenda's title and its meeting (if any), for the versions pages' headings and links. */
export async function agendaHeading(agendaId: string) {
	const { stores } = services();
	const doc = (await stores.documents.get(agendaId))!;
	const bound = await stores.meetings.byAgenda(agendaId);
	return {
		agenda: { id: doc.id, title: doc.title },
		meeting: bound && {
			id: bound.meeting.id,
			title: bound.meeting.title,
			revision: bound.revision
		}
	};
}

/** Runs a versions service call for a page load; a refusal is the 404 an unknown agenda gets. */
export async function versionsLoad<T>(agendaId: string, run: () => Promise<T>): Promise<T> {
	if (!isAgendaId(agendaId)) error(404, 'Not Found');
	try {
		return await run();
	} catch (e) {
		if (isMeetingRefusal(e)) error(404, 'Not Found');
		throw e;
	}
}

/** A form action on an agenda's versions; a malformed agenda id is refused before any lookup. */
export function versionsAction(
	event: RequestEvent<{ id: string }>,
	run: (userId: string, data: FormData) => Promise<unknown>
) {
	return meetingAction(event, (userId, data) => {
		if (!isAgendaId(event.params.id)) error(404, 'Not Found');
		return run(userId, data);
	});
}
