/** mulberry32: tiny, fast, good enough for demo data. */
export function rng(seed: number) {
	let a = seed >>> 0;
	const next = () => {
		a = (a + 0x6d2b79f5) >>> 0;
		let t = a;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
	const pick = <T>(list: readonly T[]): T => list[Math.floor(next() * list.length)]!;
	const weighted = <T extends string>(weights: Record<T, number>): T => {
		const entries = Object.entries(weights) as [T, number][];
		let r = next() * entries.reduce((s, [, w]) => s + w, 0);
		for (const [k, w] of entries) if ((r -= w) < 0) return k;
		return entries[entries.length - 1]![0];
	};
	/**
	 * A v4-shaped UUID whose every block after a hyphen starts with a digit: tests look for
	 * community ids such as "c-a" in what an outsider receives, and "…c-a…" must not turn up in
	 * a random id by chance.
	 */
	const uuid = () => {
		const hex = (n: number) =>
			Array.from({ length: n }, () => Math.floor(next() * 16).toString(16)).join('');
		const digit = () => String(Math.floor(next() * 10));
		return `${hex(8)}-${digit()}${hex(3)}-4${hex(3)}-${8 + Math.floor(next() * 2)}${hex(3)}-${digit()}${hex(11)}`;
	};
	return { next, pick, weighted, uuid };
}

export type Random = ReturnType<typeof rng>;
