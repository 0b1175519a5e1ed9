#!/usr/bin/env node
// The tests need Debian packages: Chromium (never a downloaded browser) and a CJK font for the
// browser tests, PostgreSQL and Redis for the PostgreSQL contract suites and the cluster tests
// (they start throwaway servers of their own; nothing is left running). Install what is missing
// when we can (root with apt-get); otherwise stop at once and say what to do.
import { execSync, spawnSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';

const CHROMIUM = '/usr/bin/chromium';

const hasCjkFont = () => {
	const r = spawnSync('fc-list', [':lang=zh'], { encoding: 'utf8' });
	return r.status === 0 && r.stdout.trim().length > 0;
};

const hasPostgres = () =>
	existsSync('/usr/lib/postgresql') &&
	readdirSync('/usr/lib/postgresql').some((v) => existsSync(`/usr/lib/postgresql/${v}/bin/initdb`));

const missing = [];
if (!existsSync(CHROMIUM)) missing.push('chromium');
if (!hasCjkFont()) missing.push('fonts-noto-cjk');
if (!hasPostgres()) missing.push('postgresql');
if (!existsSync('/usr/bin/redis-server')) missing.push('redis-server');
if (missing.length === 0) process.exit(0);

const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
const hasApt = spawnSync('sh', ['-c', 'command -v apt-get'], { stdio: 'ignore' }).status === 0;
if (!isRoot || !hasApt) {
	console.error(
		`The tests need Debian packages: ${missing.join(' ')}.\n` +
			`Install them with: sudo apt-get install -y ${missing.join(' ')}`
	);
	process.exit(1);
}
console.log(`Installing ${missing.join(' ')} with apt-get (once)…`);
const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
execSync('apt-get update -qq', { stdio: 'inherit', env });
execSync(`apt-get install -y -qq --no-install-recommends ${missing.join(' ')}`, {
	stdio: 'inherit',
	env
});
