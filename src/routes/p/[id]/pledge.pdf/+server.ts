import { error } from '@sveltejs/kit';
import { services } from '$lib/server/services';
import type { RequestHandler } from './$types';

const BOARD_ID = /^[1-9A-HJ-NP-Za-km-z]{10,64}$/;

/**
 * The printable pledge sheet of a published project, public like its page. Without a Chinese
 * font on the server the answer is 503 with a Chinese explanation, never a PDF of empty boxes.
 */
export const GET: RequestHandler = async ({ params, url }) => {
	if (!BOARD_ID.test(params.id)) error(404, 'Not Found');
	const pageUrl = `${url.origin}/p/${params.id}`;
	const sheet = await services().publicProjects.sheet(params.id, pageUrl);
	if (!sheet) error(404, 'Not Found');
	if (!sheet.ok) {
		// No font: an operator has to install one. Busy: the sheet worker's queue is full.
		const retryAfter = sheet.reason === 'busy' ? '5' : '3600';
		return new Response(sheet.message, {
			status: 503,
			headers: { 'content-type': 'text/plain; charset=utf-8', 'retry-after': retryAfter }
		});
	}
	return new Response(sheet.pdf, {
		headers: {
			'content-type': 'application/pdf',
			'content-length': String(sheet.pdf.byteLength),
			'content-disposition': `inline; filename="pledge-${params.id}.pdf"`,
			'cache-control': 'private, max-age=60'
		}
	});
};
