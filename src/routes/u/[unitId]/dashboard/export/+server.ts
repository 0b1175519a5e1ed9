import { error } from '@sveltejs/kit';
import { CATALOGUES } from '$lib/i18n/catalogues';
import { audit } from '$lib/server/audit';
import {
	dashboardData,
	dashboardGuard,
	periodDates,
	periodDemands,
	periodFrom
} from '$lib/server/dashboard';
import {
	contentDisposition,
	demandTable,
	EXPORT_SHEETS,
	peopleTable,
	unitTable,
	type ExportSheet,
	type Table
} from '$lib/server/dashboardExport';
import { services } from '$lib/server/services';
import type { RequestHandler } from './$types';

/**
 * The dashboard's figures as a file: Excel (a sheet of unit figures, one per person when the user
 * may see people, one of the period's demands, anonymised) or CSV with a UTF-8 BOM (one table,
 * `sheet=units|people|demands`). Same gate as the page; every download is audited.
 */
export const GET: RequestHandler = async ({ locals, url, params }) => {
	const { user, unit, readPeople } = await dashboardGuard(locals, url, params.unitId);
	const format = url.searchParams.get('format');
	if (format !== 'csv' && format !== 'xlsx') error(400, 'Bad format');
	const sheetParam = url.searchParams.get('sheet') ?? 'units';
	const sheet = (EXPORT_SHEETS as readonly string[]).includes(sheetParam)
		? (sheetParam as ExportSheet)
		: null;
	if (format === 'csv' && (sheet === null || (sheet === 'people' && !readPeople)))
		error(404, 'Not Found');

	const { period } = periodFrom(url);
	const data = await dashboardData(unit.id, period, readPeople);
	const m = CATALOGUES[locals.locale].metrics;
	const en = locals.locale === 'en';
	const unitName = en && unit.nameEn ? unit.nameEn : unit.name;
	const dates = periodDates(period);
	// Whole demands (descriptions) only when the file has the demands table.
	const demands =
		format === 'xlsx' || sheet === 'demands' ? await periodDemands(data.units, period) : [];
	const tables: Record<ExportSheet, Table | null> = {
		units: unitTable(data, m, en),
		people: peopleTable(data, m),
		demands: demandTable(data, demands, period, m, en)
	};
	const demandCount = data.figures.get(unit.id)?.filed ?? 0;
	const baseName = m.exportFile(unitName, dates.from, dates.to);
	const asciiBase = `dashboard-${unit.id}-${dates.from}-${dates.to}`;
	const { metrics } = services();

	let body: Uint8Array | string;
	let type: string;
	let names: [string, string];
	if (format === 'xlsx') {
		body = await metrics.writeXlsx(
			EXPORT_SHEETS.filter((s) => tables[s] !== null).map((s) => ({
				name: m.sheets[s],
				rows: tables[s]!
			}))
		);
		type = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
		names = [`${baseName}.xlsx`, `${asciiBase}.xlsx`];
	} else {
		body = await metrics.toCsv(tables[sheet!]!);
		type = 'text/csv; charset=utf-8';
		names = [`${baseName}_${m.sheets[sheet!]}.csv`, `${asciiBase}-${sheet}.csv`];
	}
	await audit(user.id, 'export', `dashboard:${unit.id}`, unit.id, {
		format,
		...(format === 'csv' ? { sheet } : {}),
		from: dates.from,
		to: dates.to,
		demands: demandCount
	});
	return new Response(body as BodyInit, {
		headers: {
			'content-type': type,
			'content-disposition': contentDisposition(...names),
			'cache-control': 'private, no-store',
			'x-content-type-options': 'nosniff'
		}
	});
};
