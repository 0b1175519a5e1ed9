import type { EvaluationService } from './EvaluationService';

const EVERY_MS = 60_000;

/**
 * Closes surveys whose time ran out, every minute; returns the function that stops it. A sweep
 * still running when the next tick comes is not started twice.
 */
export function startSurveyTimer(evaluation: EvaluationService, log: (line: string) => void) {
	let running = false;
	const timer = setInterval(() => {
		if (running) return;
		running = true;
		evaluation
			.sweep()
			.then((n) => {
				if (n > 0) log(`evaluation: closed ${n} survey(s)`);
			})
			.catch((err: unknown) => log(`evaluation: survey sweep failed: ${String(err)}`))
			.finally(() => (running = false));
	}, EVERY_MS);
	timer.unref();
	return () => clearInterval(timer);
}
