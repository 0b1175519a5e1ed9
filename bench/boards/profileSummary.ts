/**
 * Prints where a V8 CPU profile (`node --cpu-prof`) spent its time: self time per function,
 * highest first, and the share of the total.
 *
 *   node --import tsx bench/boards/profileSummary.ts file.cpuprofile [top=25]
 */
import { readFileSync } from 'node:fs';

interface ProfileNode {
	id: number;
	callFrame: { functionName: string; url: string; lineNumber: number };
	hitCount?: number;
}
interface Profile {
	nodes: ProfileNode[];
	samples: number[];
	timeDeltas: number[];
}

const [file, topArg] = process.argv.slice(2);
if (!file) throw new Error('usage: profileSummary.ts file.cpuprofile [top]');
const profile = JSON.parse(readFileSync(file, 'utf8')) as Profile;
const byId = new Map(profile.nodes.map((n) => [n.id, n]));
const selfUs = new Map<string, number>();
let total = 0;
profile.samples.forEach((id, i) => {
	const node = byId.get(id);
	const dt = profile.timeDeltas[i] ?? 0;
	if (!node) return;
	const { functionName, url, lineNumber } = node.callFrame;
	const where = url
		? `${url.replace(/^.*node_modules\//, '').replace(/^file:\/\/.*?\/(server|src|bench)\//, '$1/')}:${lineNumber + 1}`
		: '';
	const key = `${functionName || '(anonymous)'} ${where}`;
	selfUs.set(key, (selfUs.get(key) ?? 0) + dt);
	total += dt;
});
const idle = [...selfUs].filter(([k]) => k.startsWith('(idle)')).reduce((s, [, v]) => s + v, 0);
console.log(`total ${Math.round(total / 1000)} ms, busy ${Math.round((total - idle) / 1000)} ms`);
for (const [key, us] of [...selfUs].sort((a, b) => b[1] - a[1]).slice(0, Number(topArg ?? 25))) {
	console.log(
		`${(us / 1000).toFixed(1).padStart(9)} ms ${((100 * us) / (total - idle)).toFixed(1).padStart(5)}%  ${key}`
	);
}

// The same self time by where the code lives: a package, a folder of ours, or the runtime.
const groups = new Map<string, number>();
for (const [key, us] of selfUs) {
	const where = key.split(' ').slice(1).join(' ');
	const group = where.startsWith('@')
		? where.split('/').slice(0, 2).join('/')
		: where.includes('/')
			? (where.split('/')[0] as string)
			: key.startsWith('(')
				? (key.split(' ')[0] as string)
				: 'node/wasm';
	groups.set(group, (groups.get(group) ?? 0) + us);
}
console.log('\nby place:');
for (const [group, us] of [...groups].sort((a, b) => b[1] - a[1]).slice(0, 15))
	console.log(`${(us / 1000).toFixed(1).padStart(9)} ms  ${group}`);
