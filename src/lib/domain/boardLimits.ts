/**
 * How much one board field may hold. The edit functions cut to these and the inputs carry them
 * as maxlength; the document has no schema that could refuse a longer value from another client,
 * so pages must show whatever arrives (CSS wraps it).
 */
export const BOARD_LIMITS = {
	title: 60,
	pledgeText: 2000,
	budget: 60,
	listItem: 60,
	checklistItem: 120,
	progressText: 2000
} as const;
