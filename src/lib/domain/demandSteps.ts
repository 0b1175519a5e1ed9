/** The steps a person can take on a demand (the server decides who may take which). */
export const STEP_ACTIONS = [
	'withdraw',
	'dispatch',
	'offer',
	'take',
	'decline',
	'resolve',
	'confirm',
	'reopen'
] as const;
export type StepAction = (typeof STEP_ACTIONS)[number];

export function isStepAction(value: unknown): value is StepAction {
	return typeof value === 'string' && (STEP_ACTIONS as readonly string[]).includes(value);
}
