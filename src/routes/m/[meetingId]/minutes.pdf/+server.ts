import { minutesResponse } from '$lib/server/minutesExport';
import type { RequestHandler } from './$types';

/** The minutes as a PDF with an embedded Chinese font (made in the sheet worker). */
export const GET: RequestHandler = (event) => minutesResponse(event, 'pdf');
