import { readFileSync } from 'node:fs';
import {
	TIME_LIMITS,
	URGENT_RESOLVE_DAYS,
	URGENT_TAKE_HOURS,
	type Demand
} from '../../src/lib/domain/demands';
import { parseOverrides, WorkCalendar } from '../../src/lib/domain/workdays';
import type { CalendarStore } from '../storage/CalendarStore';

const HOUR_MS = 3_600_000;

/** The official arrangement shipped with the code, which seeds an empty calendar table. */
export function bundledHolidays() {
	const url = new URL('../calendar/cn-holidays.json', import.meta.url);
	return parseOverrides(JSON.parse(readFileSync(url, 'utf8')) as unknown);
}

/**
 * The working calendar as the database has it now, seeded from the bundled data the first time.
 * Read on each use (a few dozen rows), so an operator's yearly update applies without a restart.
 */
export async function loadCalendar(store: CalendarStore): Promise<WorkCalendar> {
	let days = await store.all();
	if (days.length === 0) {
		const bundled = bundledHolidays();
		const years = [...new Set(bundled.map((d) => Number(d.date.slice(0, 4))))];
		await store.replaceYears(years, bundled);
		days = await store.all();
	}
	return new WorkCalendar(days);
}

/** When a demand that lands at a level now must be taken by. Urgent: clock hours, day or night. */
export function takeDeadline(
	cal: WorkCalendar,
	d: Pick<Demand, 'category' | 'urgent'>,
	now: number
) {
	return d.urgent
		? now + URGENT_TAKE_HOURS * HOUR_MS
		: cal.addWorkdays(now, TIME_LIMITS[d.category].takeDays);
}

/** When a demand taken now must be resolved by. */
export function resolveDeadline(
	cal: WorkCalendar,
	d: Pick<Demand, 'category' | 'urgent'>,
	now: number
) {
	return cal.addWorkdays(now, d.urgent ? URGENT_RESOLVE_DAYS : TIME_LIMITS[d.category].resolveDays);
}
