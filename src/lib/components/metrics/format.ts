import type { Locale } from '$lib/i18n';

/** Numbers as the dashboards show them; null (nothing to measure) is a dash, never 0. */
export function pct(locale: Locale, rate: number | null): string {
	if (rate === null) return '—';
	return new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 1 }).format(rate);
}

export function num(locale: Locale, value: number | null, digits = 1): string {
	if (value === null) return '—';
	return new Intl.NumberFormat(locale, { maximumFractionDigits: digits }).format(value);
}

/** "11-23" from "2026-11-23", for axis labels. */
export const shortDate = (date: string) => date.slice(5);

/** One bar of a horizontal bar chart: `text` is the value as shown (and read out). */
export interface BarRow {
	label: string;
	value: number | null;
	text: string;
}
