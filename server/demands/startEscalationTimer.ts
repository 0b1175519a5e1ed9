import type { DemandService } from './DemandService';

const EVERY_MS = 60_000;

/**
 * Runs the escalation sweep every minute; returns the function that stops it (on close). A sweep
 * still running when the next tick comes is not started twice.
 */
export function startEscalationTimer(demands: DemandService, log: (line: string) => void) {
	let running = false;
	const timer = setInterval(() => {
		if (running) return;
		running = true;
		demands
			.sweep()
			.then((n) => {
				if (n > 0) log(`demands: escalated ${n}`);
			})
			.catch((err: unknown) => log(`demands: escalation sweep failed: ${String(err)}`))
			.finally(() => (running = false));
	}, EVERY_MS);
	timer.unref();
	return () => clearInterval(timer);
}
