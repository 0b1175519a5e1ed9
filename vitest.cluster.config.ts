import { defineConfig } from 'vitest/config';

// `npm run test:cluster`: several Gongzhi instances as child processes on a throwaway PostgreSQL
// and Redis (tests/cluster). Kept out of `npm test`: each file starts three servers and two
// databases, which would crowd the main suite's two workers. One file at a time for the same
// reason.
export default defineConfig({
	test: {
		environment: 'node',
		include: ['tests/cluster/**/*.test.ts'],
		testTimeout: 90_000,
		hookTimeout: 120_000,
		fileParallelism: false
	}
});
