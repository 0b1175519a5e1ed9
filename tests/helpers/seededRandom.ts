/**
 * A small seeded generator (mulberry32) so a failing fault run can be replayed from its seed.
 * A factory, not a module-level instance: each test owns its stream.
 */
export interface SeededRandom {
	seed: number;
	/** Uniform in [0, 1). */
	next(): number;
	/** Integer in [min, max]. */
	int(min: number, max: number): number;
	pick<T>(items: readonly T[]): T;
	/** A shuffled copy. */
	shuffle<T>(items: readonly T[]): T[];
	chance(p: number): boolean;
}

export function seededRandom(seed: number): SeededRandom {
	let a = seed >>> 0;
	const next = () => {
		a = (a + 0x6d2b79f5) >>> 0;
		let t = a;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
	const int = (min: number, max: number) => min + Math.floor(next() * (max - min + 1));
	return {
		seed,
		next,
		int,
		pick: (items) => {
			if (items.length === 0) throw new Error('pick from nothing');
			return items[int(0, items.length - 1)] as (typeof items)[number];
		},
		shuffle: (items) => {
			const out = [...items];
			for (let i = out.length - 1; i > 0; i--) {
				const j = int(0, i);
				[out[i], out[j]] = [out[j] as (typeof out)[number], out[i] as (typeof out)[number]];
			}
			return out;
		},
		chance: (p) => next() < p
	};
}

/** A number from the environment, or the default (for CI-sized vs. full runs). */
export function envNumber(name: string, fallback: number): number {
	const raw = process.env[name];
	const value = raw === undefined || raw === '' ? NaN : Number(raw);
	return Number.isFinite(value) ? value : fallback;
}
