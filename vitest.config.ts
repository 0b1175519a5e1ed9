import { defineConfig } from 'vitest/config';

// Tests run against the real server (built SvelteKit handler, real SQLite, real sockets), so no
// Vite plugins here: server code is imported straight from `server/`.
export default defineConfig({
	test: {
		include: ['tests/**/*.test.ts'],
		reporters: ['default', './tests/summaryReporter.ts'],
		environment: 'node',
		testTimeout: 60_000,
		hookTimeout: 120_000,
		// Browser and kill -9 tests start their own server processes; two cores, so few at once.
		maxWorkers: 2,
		fileParallelism: true
	}
});
