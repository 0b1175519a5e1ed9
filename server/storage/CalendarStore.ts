import type { CalendarOverride } from '../../src/lib/domain/workdays';

/**
 * The official holiday and make-up-workday arrangement (调休), as data an operator updates when
 * the State Council publishes next year's. Escalation deadlines are counted on it.
 */
export interface CalendarStore {
	all(): Promise<CalendarOverride[]>;
	/** Replaces the days of the given years with these (an operator's yearly update). */
	replaceYears(years: readonly number[], days: readonly CalendarOverride[]): Promise<void>;
}
