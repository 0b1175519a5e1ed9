export type DayKind = 'holiday' | 'workday';
/** An official exception: a holiday on a weekday, or a make-up workday (调休) on a weekend. */
export interface CalendarOverride {
	date: string;
	kind: DayKind;
	name: string;
}
