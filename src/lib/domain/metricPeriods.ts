import type { Period } from './demandMetrics';

/**
 * The dashboard's period picker, on Beijing calendar days (UTC+8, no daylight saving) whatever
 * the server's time zone. A period is [from, to) in ms; "this month" runs to the month's end, so
 * the previous period (same length, just before) is comparable.
 */
export const PERIOD_PRESETS = ['this_month', 'last_month', 'this_quarter', 'this_year'] as const;
export type PeriodPreset = (typeof PERIOD_PRESETS)[number];
export type PeriodChoice = PeriodPreset | 'custom';

const OFFSET = 8 * 3_600_000;
const DAY = 86_400_000;
/** A custom period longer than this is refused (the server loads every demand in it). */
export const MAX_PERIOD_DAYS = 3 * 366;

export function isPeriodPreset(v: unknown): v is PeriodPreset {
	return typeof v === 'string' && (PERIOD_PRESETS as readonly string[]).includes(v);
}

/** 00:00 Beijing time of the given Beijing year / month (0-based, may overflow) / day. */
export function beijingMidnight(year: number, month: number, day = 1): number {
	return Date.UTC(year, month, day) - OFFSET;
}

/** Beijing calendar parts of an instant. */
export function beijingParts(ms: number): { year: number; month: number; day: number } {
	const d = new Date(ms + OFFSET);
	return { year: d.getUTCFullYear(), month: d.getUTCMonth(), day: d.getUTCDate() };
}

/** "2026-11-26" of an instant, Beijing time. */
export function beijingDate(ms: number): string {
	return new Date(ms + OFFSET).toISOString().slice(0, 10);
}

/** The instant 00:00 Beijing of "YYYY-MM-DD", or null when it is not a real date. */
export function parseBeijingDate(s: string): number | null {
	const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
	if (!m) return null;
	const [y, mo, d] = [Number(m[1]), Number(m[2]) - 1, Number(m[3])];
	const ms = beijingMidnight(y, mo, d);
	const back = beijingParts(ms);
	return back.year === y && back.month === mo && back.day === d ? ms : null;
}

export function presetPeriod(preset: PeriodPreset, now: number): Period {
	const { year, month } = beijingParts(now);
	switch (preset) {
		case 'this_month':
			return { from: beijingMidnight(year, month), to: beijingMidnight(year, month + 1) };
		case 'last_month':
			return { from: beijingMidnight(year, month - 1), to: beijingMidnight(year, month) };
		case 'this_quarter': {
			const q = month - (month % 3);
			return { from: beijingMidnight(year, q), to: beijingMidnight(year, q + 3) };
		}
		case 'this_year':
			return { from: beijingMidnight(year, 0), to: beijingMidnight(year + 1, 0) };
	}
}

/**
 * A custom period from two dates, both days included ([from 00:00, day after `to` 00:00)).
 * Null when a date is bad, reversed, or the span is beyond MAX_PERIOD_DAYS.
 */
export function customPeriod(fromDate: string, toDate: string): Period | null {
	const from = parseBeijingDate(fromDate);
	const last = parseBeijingDate(toDate);
	if (from === null || last === null || last < from) return null;
	const to = last + DAY;
	return (to - from) / DAY > MAX_PERIOD_DAYS ? null : { from, to };
}

/** The last day of a period as "YYYY-MM-DD" (its `to` is exclusive). */
export function lastDayOf(p: Period): string {
	return beijingDate(p.to - 1);
}
