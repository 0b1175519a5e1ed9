import type { Reporter, TestModule } from 'vitest/node';

/**
 * Prints one plain closing line, `tests: N passed, N failed, N skipped`, after Vitest's own
 * summary, so any log reader (CI included) can tell a run that tested nothing from a green one.
 * A hook that failed (its tests then show as skipped) or a file that failed to load counts as a
 * failure of its own.
 */
export default class SummaryReporter implements Reporter {
	onTestRunEnd(testModules: ReadonlyArray<TestModule>) {
		let passed = 0;
		let failed = 0;
		let skipped = 0;
		for (const m of testModules) {
			for (const t of m.children.allTests()) {
				const state = t.result().state;
				if (state === 'passed') passed++;
				else if (state === 'failed') failed++;
				else skipped++;
			}
			const failedTests = [...m.children.allTests('failed')].length;
			const failedSuites = [...m.children.allSuites()].filter(
				(s) => s.state() === 'failed' && [...s.children.allTests('failed')].length === 0
			).length;
			failed += failedSuites;
			if (m.state() === 'failed' && failedTests === 0 && failedSuites === 0) failed++;
		}
		process.stdout.write(`\ntests: ${passed} passed, ${failed} failed, ${skipped} skipped\n`);
	}
}
