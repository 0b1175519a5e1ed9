import { minutesResponse } from '$lib/server/minutesExport';
import type { RequestHandler } from './$types';

/** The minutes as a Word document (.docx), the same layout as the PDF. */
export const GET: RequestHandler = (event) => minutesResponse(event, 'docx');
