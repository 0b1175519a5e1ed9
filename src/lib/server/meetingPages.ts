import { error, fail, redirect, type RequestEvent } from '@sveltejs/kit';
import type { MeetingError } from '../../../server/meetings/MeetingError';

/** A refusal from the meeting service (by name: src/ may not import server classes). */
export function isMeetingRefusal(e: unknown): e is MeetingError {
	return e instanceof Error && e.name === 'MeetingError';
}

/**
 * Runs a meeting form action as the session's user. A meeting the user may not see answers 404
 * exactly as an unknown one; other refusals come back to the form with their reason.
 */
export async function meetingAction(
	event: RequestEvent,
	run: (userId: string, data: FormData) => Promise<unknown>
) {
	const user = event.locals.user;
	if (!user) redirect(303, `/login?redirectTo=${encodeURIComponent(event.url.pathname)}`);
	let data: FormData;
	try {
		data = await event.request.formData();
	} catch {
		return fail(400, { error: 'invalid', reason: 'form' });
	}
	try {
		return { done: true, result: await run(user.id, data) };
	} catch (e) {
		if (!isMeetingRefusal(e)) throw e;
		if (e.code === 'not_found') error(404, 'Not Found');
		return fail(e.status, { error: e.code, reason: e.reason ?? e.code });
	}
}
