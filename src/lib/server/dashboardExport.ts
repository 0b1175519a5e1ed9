import type { Period } from '$lib/domain/demandMetrics';
import type { Demand } from '$lib/domain/demands';
import type { Messages } from '$lib/i18n';
import type { DashboardData } from './dashboard';

/**
 * The dashboard's figures as tables for Excel and CSV. The demands table is anonymised: no filer,
 * no one who filed on their behalf, no taker, and mobile numbers typed into a description are
 * masked. Numbers stay numbers (rates as fractions rounded to 4 places, hours to 1).
 */
export type Cell = string | number | null;
export type Table = Cell[][];
export const EXPORT_SHEETS = ['units', 'people', 'demands'] as const;
export type ExportSheet = (typeof EXPORT_SHEETS)[number];

const round = (v: number | null, digits: number) =>
	v === null ? null : Math.round(v * 10 ** digits) / 10 ** digits;
const HOUR = 3_600_000;
/** A mainland mobile number anywhere in free text. */
const MOBILE = /(?<!\d)1[3-9]\d(?:[\s-]?\d{4}){2}(?!\d)/g;

function dateTime(ms: number | null): string | null {
	if (ms === null) return null;
	return new Date(ms + 8 * HOUR).toISOString().slice(0, 16).replace('T', ' ');
}

export function unitTable(data: DashboardData, m: Messages['metrics'], en: boolean): Table {
	const c = m.columns;
	const rows: Table = [
		[
			c.unit,
			c.kind,
			c.filed,
			c.resolved,
			c.resolutionRate,
			c.avgHours,
			c.medianHours,
			c.avgWorkdays,
			c.prevAvgHours,
			c.avgChange,
			c.satisfaction,
			c.hazards,
			c.disputes,
			c.inGrid
		]
	];
	for (const u of data.units) {
		const f = data.figures.get(u.id);
		if (!f) continue;
		rows.push([
			en && u.nameEn ? u.nameEn : u.name,
			m.unitKinds[u.kind],
			f.filed,
			f.resolved,
			round(f.resolutionRate, 4),
			round(f.time.avgHours, 1),
			round(f.time.medianHours, 1),
			round(f.time.avgWorkdays, 2),
			round(f.previousTime.avgHours, 1),
			round(f.avgChangePct, 1),
			round(f.satisfactionRate, 4),
			f.hazards,
			f.disputesSettled,
			round(f.inGridShare, 4)
		]);
	}
	return rows;
}

export function peopleTable(data: DashboardData, m: Messages['metrics']): Table | null {
	if (!data.people) return null;
	const c = m.columns;
	const people = data.people;
	return [
		[c.person, c.taken, c.resolvedBy, c.rated, c.satisfied, c.satisfaction],
		...people.people.map((p) => [
			people.names.get(p.userId) ?? p.userId,
			p.taken,
			p.resolved,
			p.rated,
			p.satisfied,
			round(p.satisfactionRate, 4)
		])
	];
}

export function demandTable(
	data: DashboardData,
	demands: readonly Demand[],
	period: Period,
	m: Messages['metrics'],
	en: boolean
): Table {
	const c = m.columns;
	const names = new Map(data.units.map((u) => [u.id, en && u.nameEn ? u.nameEn : u.name]));
	const inPeriod = demands
		.filter((d) => d.filedAt >= period.from && d.filedAt < period.to)
		.sort((a, b) => a.filedAt - b.filedAt);
	const hours = (d: Demand) => (d.resolvedAt === null ? null : (d.resolvedAt - d.filedAt) / HOUR);
	return [
		[
			c.id,
			c.filedAt,
			c.grid,
			c.category,
			c.urgent,
			c.state,
			c.level,
			c.resolvedAt,
			c.hours,
			c.rating,
			c.description
		],
		...inPeriod.map((d) => [
			// The first block of the id is enough to find it again, and says nothing about anyone.
			d.id.slice(0, 8),
			dateTime(d.filedAt),
			names.get(d.gridId) ?? d.gridId,
			m.categories[d.category],
			d.urgent ? m.yes : m.no,
			m.states[d.state],
			m.levels[d.level],
			dateTime(d.resolvedAt),
			round(hours(d), 1),
			d.rating === null ? null : m.ratings[d.rating],
			d.description.replace(MOBILE, '***********')
		])
	];
}

/**
 * `attachment` with the Chinese name as RFC 5987 `filename*` and an ASCII `filename` for clients
 * that ignore it. The fallback is built from ids and dates only, so it needs no escaping.
 */
export function contentDisposition(utf8Name: string, asciiName: string): string {
	const ascii = asciiName.replace(/[^A-Za-z0-9._-]/g, '_');
	const encoded = encodeURIComponent(utf8Name).replace(
		/['()*]/g,
		(ch) => '%' + ch.charCodeAt(0).toString(16).toUpperCase()
	);
	return `attachment; filename="${ascii}"; filename*=UTF-8''${encoded}`;
}
