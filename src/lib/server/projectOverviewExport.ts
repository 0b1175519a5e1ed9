import type { Locale, Messages } from '$lib/i18n';
import { CATALOGUES } from '$lib/i18n/catalogues';
import { audit } from './audit';
import { contentDisposition, type Table } from './dashboardExport';
import type { Overview, Named } from './projectOverview';
import { services } from './services';

/**
 * The overview's project list as a file, with the page's filters: Excel (one sheet) or CSV with
 * a UTF-8 byte-order mark, both built in the sheet worker.
 */

/** Excel and LibreOffice run a cell starting with one of these as a formula. */
const FORMULA_START = /^[=+\-@\t\r]/;

/**
 * Text a spreadsheet shows as typed, never runs: a leading ' (the spreadsheet convention for
 * "this is text"). Done for both formats, so a title like =HYPERLINK(…) stays text in Excel
 * even after someone edits the cell.
 */
export function neutralise(text: string): string {
	return FORMULA_START.test(text) ? `'${text}` : text;
}

const round = (v: number, digits: number) => Math.round(v * 10 ** digits) / 10 ** digits;

export function projectTable(overview: Overview, m: Messages, en: boolean, origin: string): Table {
	const c = m.overview.columns;
	const name = (n: Named) => (en && n.nameEn ? n.nameEn : n.name);
	return [
		[
			c.title,
			c.level,
			c.unit,
			c.category,
			c.stage,
			c.responsible,
			c.deadline,
			c.overdue,
			c.satisfaction,
			c.link
		],
		...overview.items.map((i) => [
			neutralise(i.title),
			m.projects.levels[i.level],
			neutralise(name(i.owner)),
			m.projects.categories[i.category],
			m.projects.stages[i.stage],
			neutralise(i.responsible.join('、')),
			i.deadline === null ? null : neutralise(i.deadline),
			i.overdue ? m.overview.yes : m.overview.no,
			// A rate as a fraction, as the dashboards' exports write it; empty when never surveyed.
			i.satisfaction === null ? null : round(i.satisfaction.share, 4),
			`${origin}/board/${i.boardId}`
		])
	];
}

/** The file's bytes and headers; every download is audited with the filters it used. */
export async function exportResponse(opts: {
	userId: string;
	unit: { id: string; name: string; nameEn: string };
	overview: Overview;
	format: 'csv' | 'xlsx';
	locale: Locale;
	origin: string;
}): Promise<Response> {
	const { format, overview, unit } = opts;
	const m = CATALOGUES[opts.locale];
	const en = opts.locale === 'en';
	const rows = projectTable(overview, m, en, opts.origin);
	const base = m.overview.exportFile(en && unit.nameEn ? unit.nameEn : unit.name, overview.today);
	const ascii = `projects-${unit.id}-${overview.today}.${format}`;
	const { metrics } = services();
	const body =
		format === 'xlsx'
			? await metrics.writeXlsx([
					{ name: m.overview.sheet, rows, columnWidths: [30, 10, 16, 10, 10, 24, 12, 8, 8, 60] }
				])
			: await metrics.toCsv(rows);
	await audit(opts.userId, 'export', `projects:${unit.id}`, unit.id, {
		format,
		filters: overview.filters,
		projects: overview.items.length
	});
	return new Response(body as BodyInit, {
		headers: {
			'content-type':
				format === 'xlsx'
					? 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'
					: 'text/csv; charset=utf-8',
			'content-disposition': contentDisposition(`${base}.${format}`, ascii),
			'cache-control': 'private, no-store',
			'x-content-type-options': 'nosniff'
		}
	});
}
