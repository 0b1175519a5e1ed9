import { json } from '@sveltejs/kit';

const FORM_TYPES = ['multipart/form-data', 'application/x-www-form-urlencoded'];

/**
 * A form body that cannot be parsed (multipart cut short, no or a wrong boundary) makes
 * `request.formData()` throw, and an action that calls it would answer 500. Parsing a copy once
 * here turns that into a 400 `bad_form` for every action and endpoint at once. Bodies are already
 * bounded by BODY_SIZE_LIMIT (appHandler.ts), so the copy is bounded too.
 *
 * SvelteKit also hands `text/plain` posts to page actions (a form may use that enctype), but
 * `formData()` cannot read them: no page of ours sends one, so outside the JSON API (and logout,
 * which reads no body) they are refused with 415.
 */
export async function unreadableForm(request: Request, path: string): Promise<Response | null> {
	const type = (request.headers.get('content-type') ?? '').toLowerCase();
	if (type.startsWith('text/plain') && !path.startsWith('/api/') && path !== '/logout') {
		return json({ error: 'bad_form' }, { status: 415 });
	}
	if (!FORM_TYPES.some((t) => type.startsWith(t))) return null;
	try {
		await request.clone().formData();
		return null;
	} catch {
		return json({ error: 'bad_form' }, { status: 400 });
	}
}
