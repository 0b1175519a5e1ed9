#!/usr/bin/env node
// `npm start`: builds the app if there is no build (or it is older than the sources), then runs
// the production server on PORT (default 3000) with data under DATA_DIR (default ./data).
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;

/** @param {string} dir @returns {number} */
function newest(dir) {
	let t = 0;
	for (const entry of readdirSync(dir, { withFileTypes: true })) {
		const p = join(dir, entry.name);
		t = Math.max(t, entry.isDirectory() ? newest(p) : statSync(p).mtimeMs);
	}
	return t;
}

const handler = join(root, 'build', 'handler.js');
const stale =
	!existsSync(handler) ||
	statSync(handler).mtimeMs < Math.max(newest(join(root, 'src')), newest(join(root, 'static')));
if (stale) {
	console.log('Building the app (first start or sources changed)…');
	const r = spawnSync('npm', ['run', 'build'], { cwd: root, stdio: 'inherit' });
	if (r.status !== 0) process.exit(r.status ?? 1);
}

const r = spawnSync(process.execPath, ['--import', 'tsx', join(root, 'server', 'index.ts')], {
	cwd: root,
	stdio: 'inherit'
});
process.exit(r.status ?? 1);
