import { TIME_ZONE, type Locale } from '$lib/i18n';

/** A server time as a day in Beijing, in the reader's language (e.g. 2026年11月26日). */
export function dayOf(locale: Locale, at: number): string {
	return new Intl.DateTimeFormat(locale, { dateStyle: 'long', timeZone: TIME_ZONE }).format(at);
}

/** A pledge date (YYYY-MM-DD) the same way; anything else as written. */
export function pledgeDay(locale: Locale, ymd: string): string {
	if (!/^\d{4}-\d{2}-\d{2}$/.test(ymd)) return ymd;
	return new Intl.DateTimeFormat(locale, { dateStyle: 'long', timeZone: 'UTC' }).format(
		new Date(`${ymd}T00:00:00Z`)
	);
}
