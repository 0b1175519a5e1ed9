import { defineConfig } from 'vitest/config';

// Tests run against the real server (built SvelteKit handler, real SQLite, real sockets), so no
// Vite plugins here: server code is imported straight from `server/`.
//
// Two groups, one after the other: everything over Node clients first (in parallel), then the
// Chromium tests one file at a time — two browsers plus a server per file already fill both
// cores, and logins time out when they share them with the socket tests.
export default defineConfig({
	test: {
		reporters: ['default', './tests/summaryReporter.ts'],
		environment: 'node',
		testTimeout: 60_000,
		hookTimeout: 120_000,
		maxWorkers: 2,
		projects: [
			{
				extends: true,
				test: {
					name: 'node',
					include: ['tests/**/*.test.ts'],
					// The cluster tests run on their own: `npm run test:cluster` (vitest.cluster.config.ts).
					exclude: ['tests/browser/**', 'tests/cluster/**'],
					sequence: { groupOrder: 0 }
				}
			},
			{
				extends: true,
				test: {
					name: 'browser',
					include: ['tests/browser/**/*.test.ts'],
					fileParallelism: false,
					sequence: { groupOrder: 1 }
				}
			}
		]
	}
});
