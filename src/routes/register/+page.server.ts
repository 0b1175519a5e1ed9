import { fail, redirect } from '@sveltejs/kit';
import { MAX_DISPLAY_NAME_LENGTH, passwordProblem } from '$lib/domain/accounts';
import { normalizeMobile } from '$lib/domain/phone';
import { audit } from '$lib/server/audit';
import { communityOptions, gridsOf } from '$lib/server/chainPlace';
import { formField } from '$lib/server/formField';
import { services } from '$lib/server/services';
import { startSession } from '$lib/server/sessionCookie';
import { throttledAttempt } from '$lib/server/throttledAttempt';
import type { Actions, PageServerLoad } from './$types';

const MAX_ROOM_LENGTH = 40;

/**
 * Residents register themselves, phone first. The community comes from `?c=` (the page reloads
 * when it is picked, so the grids and buildings listed are that community's), grid and building
 * from the form. Only names of communities, grids and buildings are shown: no people.
 */
export const load: PageServerLoad = async ({ url, locals }) => {
	if (locals.user) redirect(303, '/');
	const communities = await communityOptions();
	const chosen = communities.find((c) => c.id === url.searchParams.get('c')) ?? null;
	return {
		communities,
		community: chosen?.id ?? null,
		grids: chosen ? await gridsOf(chosen.id) : []
	};
};

/** The form's fields, bounded, plus what to echo back on a failure (never the password). */
function readForm(data: FormData) {
	const fields = {
		community: formField(data, 'community', 128),
		grid: formField(data, 'grid', 128),
		building: formField(data, 'building', 128),
		room: formField(data, 'room', MAX_ROOM_LENGTH).trim(),
		name: formField(data, 'name', 200).trim(),
		phone: formField(data, 'phone', 40).trim()
	};
	return {
		fields,
		password: formField(data, 'password'),
		code: formField(data, 'code', 16).trim()
	};
}

type Fields = ReturnType<typeof readForm>['fields'];

/** The chosen place if the building is in the grid and the grid in the community, else null. */
async function placeOf(f: Fields) {
	if (!f.community || !f.grid || !f.building || !f.room) return null;
	const place = { communityId: f.community, gridId: f.grid, buildingId: f.building, room: f.room };
	return (await services().registration.isPlace(place)) ? place : null;
}

function personProblem(f: Fields, password: string) {
	if (!normalizeMobile(f.phone)) return 'badPhone' as const;
	if (!f.name || [...f.name].length > MAX_DISPLAY_NAME_LENGTH) return 'badName' as const;
	return passwordProblem(password);
}

export const actions: Actions = {
	/** Sends a code. The answer is the same whether or not the number is registered. */
	sendCode: async (event) => {
		const { fields } = readForm(await event.request.formData());
		const phone = normalizeMobile(fields.phone);
		if (!phone) return fail(400, { error: 'badPhone' as const, ...fields });
		const sent = await services().phoneVerification.send(phone, event.getClientAddress());
		if (sent !== 'sent') return fail(429, { error: sent, ...fields });
		return { codeSent: true, ...fields };
	},

	/** With a code: a new resident is confirmed at once; an imported one sets their password. */
	register: async (event) => {
		const { fields, password, code } = readForm(await event.request.formData());
		const problem = personProblem(fields, password);
		if (problem) return fail(400, { error: problem, ...fields });
		const phone = normalizeMobile(fields.phone)!;
		const place = await placeOf(fields);
		// An empty place is allowed here (an imported resident already has one); a wrong one is not.
		if (!place && (fields.grid || fields.building))
			return fail(400, { error: 'badPlace' as const, ...fields });
		const { phoneVerification, registration, auth } = services();
		const checked = await throttledAttempt(event, `phone:${phone}`, () =>
			phoneVerification.check(phone, code)
		);
		if (!checked.ok) return checked.locked ?? fail(400, { error: 'badCode' as const, ...fields });
		const result = await registration.withCode(
			{ phone, name: fields.name, passwordHash: await auth.hashPassword(password), place },
			checked.value
		);
		if (result.outcome === 'created' || result.outcome === 'activated') {
			await audit(result.userId, 'user_registered', `user:${result.userId}`, result.communityId, {
				via: result.outcome === 'created' ? 'sms' : 'sms_activation'
			});
			await startSession(event.cookies, event.url, result.userId);
			redirect(303, '/');
		}
		// 'exists' is said only to someone who just proved they hold the number.
		const error =
			result.outcome === 'codeGone'
				? 'badCode'
				: result.outcome === 'noPlace'
					? 'badPlace'
					: 'exists';
		return fail(400, { error, ...fields });
	},

	/** Without a code: filed for the grid leader, no role until confirmed. Same answer always. */
	pending: async (event) => {
		const { fields, password } = readForm(await event.request.formData());
		const problem = personProblem(fields, password);
		if (problem) return fail(400, { error: problem, ...fields });
		const place = await placeOf(fields);
		if (!place) return fail(400, { error: 'badPlace' as const, ...fields });
		const phone = normalizeMobile(fields.phone)!;
		const { phoneVerification, registration, auth } = services();
		if (!phoneVerification.admit(event.getClientAddress(), phone))
			return fail(429, { error: 'addressLimit' as const, ...fields });
		const passwordHash = await auth.hashPassword(password);
		const filed = await registration.pending({ phone, name: fields.name, passwordHash, place });
		if (filed)
			await audit(filed.userId, 'user_registered', `user:${filed.userId}`, place.communityId, {
				via: 'pending',
				grid: place.gridId
			});
		return { pendingDone: true };
	}
};
