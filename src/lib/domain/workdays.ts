/**
 * The official working-day calendar (China; Beijing time, UTC+8, no daylight saving).
 *
 * A day is a working day when it is Monday–Friday and not an official holiday, or when it is a
 * weekend day the State Council made a make-up workday (调休). Those exceptions are data
 * (`CalendarOverride`), published once a year and kept by an operator; a year with no data is
 * counted weekends-only, and `coveredYears()` lets the UI say so.
 *
 * Deadline rule (`addWorkdays`): the clock runs only on working days.
 * - Filed on a working day at Beijing time T: the deadline is time T on the `days`-th following
 *   working day (Friday 15:00 + 1 → Monday 15:00, when Monday works).
 * - Filed on a non-working day: the clock starts at 00:00 of the next working day, so the
 *   deadline is 24:00 (00:00 of the next calendar day) of the `days`-th working day, counting
 *   that first working day as day one (Saturday + 1 → Monday 24:00 = Tuesday 00:00).
 * Both cases are the same thing: exactly `days` × 24 hours of working-day time after filing,
 * which is what `workdaysBetween` measures, so the two agree.
 */

export type DayKind = 'holiday' | 'workday';
/** An official exception: a holiday on a weekday, or a make-up workday (调休) on a weekend. */
export interface CalendarOverride {
	date: string /* YYYY-MM-DD */;
	kind: DayKind;
	name: string;
}

export class CalendarDataError extends Error {
	override name = 'CalendarDataError';
}

const DAY_MS = 86_400_000;
const BEIJING_OFFSET_MS = 8 * 3_600_000;
/** Ten years of working days: anything longer is a bug, not a deadline. */
const MAX_DAYS = 2_500;
const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Days since 1970-01-01 of a Beijing calendar date, or null when it is not a real date. */
function dayNumber(date: string): number | null {
	const m = DATE_RE.exec(date);
	if (!m) return null;
	const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
	const ms = Date.UTC(y, mo - 1, d);
	const back = new Date(ms);
	if (back.getUTCFullYear() !== y || back.getUTCMonth() !== mo - 1 || back.getUTCDate() !== d) {
		return null;
	}
	return ms / DAY_MS;
}

function dateOfDayNumber(n: number): string {
	return new Date(n * DAY_MS).toISOString().slice(0, 10);
}

/** Beijing day number containing an instant. */
function dayNumberOf(ms: number): number {
	return Math.floor((ms + BEIJING_OFFSET_MS) / DAY_MS);
}

/** The instant 00:00 Beijing time of a day number. */
function startOfDay(n: number): number {
	return n * DAY_MS - BEIJING_OFFSET_MS;
}

function isWeekend(n: number): boolean {
	const weekday = new Date(n * DAY_MS).getUTCDay();
	return weekday === 0 || weekday === 6;
}

export class WorkCalendar {
	readonly #overrides = new Map<number, DayKind>();

	constructor(overrides: Iterable<CalendarOverride>) {
		for (const o of overrides) {
			const n = dayNumber(o.date);
			if (n === null) throw new CalendarDataError(`Not a date: ${JSON.stringify(o.date)}`);
			const earlier = this.#overrides.get(n);
			if (earlier !== undefined && earlier !== o.kind) {
				throw new CalendarDataError(`${o.date} is listed both as a holiday and as a workday`);
			}
			this.#overrides.set(n, o.kind);
		}
	}

	isWorkday(date: string): boolean {
		const n = dayNumber(date);
		if (n === null) throw new RangeError(`Not a date: ${JSON.stringify(date)}`);
		return this.#isWorkday(n);
	}

	#isWorkday(n: number): boolean {
		const kind = this.#overrides.get(n);
		if (kind !== undefined) return kind === 'workday';
		return !isWeekend(n);
	}

	/** Beijing calendar date of an instant. */
	static dateOf(ms: number): string {
		return dateOfDayNumber(dayNumberOf(ms));
	}

	/** Deadline `days` working days after `fromMs` (rule in the file comment). */
	addWorkdays(fromMs: number, days: number): number {
		if (!Number.isInteger(days) || days < 0 || days > MAX_DAYS) {
			throw new RangeError(`days must be a whole number from 0 to ${MAX_DAYS}, not ${days}`);
		}
		if (!Number.isFinite(fromMs)) throw new RangeError('fromMs must be a finite instant');
		let n = dayNumberOf(fromMs);
		if (this.#isWorkday(n)) {
			const timeOfDay = fromMs - startOfDay(n);
			for (let left = days; left > 0; left--) n = this.#nextWorkday(n);
			return startOfDay(n) + timeOfDay;
		}
		if (days === 0) return startOfDay(this.#nextWorkday(n));
		n = this.#nextWorkday(n);
		for (let left = days - 1; left > 0; left--) n = this.#nextWorkday(n);
		return startOfDay(n + 1);
	}

	/** The first working day after day `n`. Terminates: overrides are finite, weekdays are not. */
	#nextWorkday(n: number): number {
		let next = n + 1;
		while (!this.#isWorkday(next)) next++;
		return next;
	}

	/**
	 * Working time elapsed between two instants, in working days (fractional), for metrics.
	 * Negative when `toMs` is before `fromMs`.
	 */
	workdaysBetween(fromMs: number, toMs: number): number {
		if (!Number.isFinite(fromMs) || !Number.isFinite(toMs)) {
			throw new RangeError('instants must be finite');
		}
		if (toMs < fromMs) return -this.workdaysBetween(toMs, fromMs);
		const first = dayNumberOf(fromMs);
		const last = dayNumberOf(toMs);
		let workMs = 0;
		// One step per calendar day: a metric span of years is a few thousand steps.
		for (let n = first; n <= last; n++) {
			if (!this.#isWorkday(n)) continue;
			const start = Math.max(startOfDay(n), fromMs);
			const end = Math.min(startOfDay(n + 1), toMs);
			if (end > start) workMs += end - start;
		}
		return workMs / DAY_MS;
	}

	/** Years (e.g. 2026) the overrides cover; a year with no data is counted weekends-only. */
	coveredYears(): number[] {
		const years = new Set<number>();
		for (const n of this.#overrides.keys()) years.add(new Date(n * DAY_MS).getUTCFullYear());
		return [...years].sort((a, b) => a - b);
	}
}

const WEEKDAY_NAMES = [
	'Sunday',
	'Monday',
	'Tuesday',
	'Wednesday',
	'Thursday',
	'Friday',
	'Saturday'
];

/**
 * Validates operator-supplied calendar data: an array of overrides, or an object with an
 * `overrides` array (the shape of server/calendar/cn-holidays.json). Errors name the entry and
 * the field, so an operator can fix the file.
 */
export function parseOverrides(json: unknown): CalendarOverride[] {
	const list =
		json !== null && typeof json === 'object' && !Array.isArray(json) && 'overrides' in json
			? json.overrides
			: json;
	if (!Array.isArray(list)) {
		throw new CalendarDataError('Calendar data must be a list of {date, kind, name} entries');
	}
	const seen = new Map<string, number>();
	return list.map((entry: unknown, i): CalendarOverride => {
		const where = `Entry ${i + 1}`;
		if (entry === null || typeof entry !== 'object') {
			throw new CalendarDataError(`${where}: must be an object with date, kind and name`);
		}
		const { date, kind, name } = entry as Record<string, unknown>;
		const n = typeof date === 'string' ? dayNumber(date) : null;
		if (typeof date !== 'string' || n === null) {
			throw new CalendarDataError(
				`${where}: date must be a real date written YYYY-MM-DD, not ${JSON.stringify(date)}`
			);
		}
		if (kind !== 'holiday' && kind !== 'workday') {
			throw new CalendarDataError(
				`${where} (${date}): kind must be "holiday" or "workday", not ${JSON.stringify(kind)}`
			);
		}
		if (typeof name !== 'string' || name.trim() === '' || name.length > 100) {
			throw new CalendarDataError(`${where} (${date}): name must be a non-empty text`);
		}
		if (kind === 'workday' && !isWeekend(n)) {
			const weekday = WEEKDAY_NAMES[new Date(n * DAY_MS).getUTCDay()];
			throw new CalendarDataError(
				`${where} (${date}): a make-up workday falls on a weekend, but ${date} is a ${weekday}`
			);
		}
		const dup = seen.get(date);
		if (dup !== undefined) {
			throw new CalendarDataError(`${where} (${date}): the same date is already entry ${dup}`);
		}
		seen.set(date, i + 1);
		return { date, kind, name: name.trim() };
	});
}
