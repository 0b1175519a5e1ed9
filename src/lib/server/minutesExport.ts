import { error, type RequestEvent } from '@sveltejs/kit';
import { isMeetingId } from '$lib/domain/meetings';
import { contentDisposition } from './dashboardExport';
import { isMeetingRefusal } from './meetingPages';
import { requireUser } from './requireUser';
import { services } from './services';

const TYPES = {
	pdf: 'application/pdf',
	docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document'
} as const;

/**
 * A meeting's minutes as a download (`?revision=N` for an earlier agenda revision, `?version=ID`
 * for a named version of it). Who may read the meeting may download them; anyone else gets the
 * 404 an unknown meeting gets. The file name is Chinese (RFC 5987 `filename*`) with an ASCII
 * fallback. Without a Chinese font the PDF is a 503 with a Chinese explanation.
 */
export async function minutesResponse(
	{ locals, params, url }: Pick<RequestEvent, 'locals' | 'url'> & { params: { meetingId: string } },
	format: keyof typeof TYPES
): Promise<Response> {
	const { user } = requireUser(locals, url);
	if (!isMeetingId(params.meetingId)) error(404, 'Not Found');
	let file;
	try {
		file = await services().minutes.file(user.id, params.meetingId, format, {
			revision: url.searchParams.get('revision'),
			version: url.searchParams.get('version')
		});
	} catch (e) {
		if (isMeetingRefusal(e)) error(404, 'Not Found');
		throw e;
	}
	if (!file.ok) {
		return new Response(file.message, {
			status: 503,
			headers: { 'content-type': 'text/plain; charset=utf-8', 'retry-after': '3600' }
		});
	}
	return new Response(file.bytes as BodyInit, {
		headers: {
			'content-type': TYPES[format],
			'content-length': String(file.bytes.byteLength),
			'content-disposition': contentDisposition(file.name, file.ascii),
			'cache-control': 'private, no-store',
			'x-content-type-options': 'nosniff'
		}
	});
}
