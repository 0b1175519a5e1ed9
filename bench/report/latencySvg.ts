import type { BenchRow } from '../scenarios/types';

const COLORS: Record<string, string> = {
	gongzhi: '#c0392b',
	hocuspocus: '#2c7fb8',
	reference: '#7f7f7f'
};
const OTHER = ['#31a354', '#756bb1', '#e6550d'];
const W = 380;
const H = 210;
const PAD = { left: 44, right: 12, top: 34, bottom: 34 };

/**
 * The latency distributions as one small SVG: per row with samples, a panel of cumulative
 * curves (x: latency on a log scale, y: share of arrivals at or below it), one per server.
 * Each curve is thinned to 100 points so the committed copy stays a few tens of KB.
 */
export function latencySvg(rows: BenchRow[]): string {
	const panels = rows.filter((r) => r.samples && Object.keys(r.samples).length > 0);
	const cols = 2;
	const width = cols * W;
	const height = Math.max(1, Math.ceil(panels.length / cols)) * H;
	const parts = [
		`<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="sans-serif" font-size="10">`,
		`<rect width="100%" height="100%" fill="#fff"/>`
	];
	panels.forEach((row, i) => {
		const x0 = (i % cols) * W;
		const y0 = Math.floor(i / cols) * H;
		parts.push(panel(row, x0, y0));
	});
	parts.push('</svg>');
	return parts.join('\n');
}

function panel(row: BenchRow, x0: number, y0: number): string {
	const series = Object.entries(row.samples ?? {}).filter(([, s]) => s.length > 0);
	const all = series.flatMap(([, s]) => s);
	const lo = 0.5;
	const hi = Math.max(10, ...all);
	const [l0, l1] = [Math.log10(lo), Math.log10(hi)];
	const pw = W - PAD.left - PAD.right;
	const ph = H - PAD.top - PAD.bottom;
	const px = (ms: number) => x0 + PAD.left + ((Math.log10(Math.max(lo, ms)) - l0) / (l1 - l0)) * pw;
	const py = (q: number) => y0 + PAD.top + (1 - q) * ph;
	const out = [
		`<text x="${x0 + PAD.left}" y="${y0 + 14}" font-size="11" font-weight="bold">${escape(row.scenario)}</text>`,
		`<rect x="${x0 + PAD.left}" y="${y0 + PAD.top}" width="${pw}" height="${ph}" fill="none" stroke="#ccc"/>`
	];
	for (let d = Math.ceil(l0); d <= Math.floor(l1); d++) {
		const x = px(10 ** d).toFixed(1);
		out.push(
			`<line x1="${x}" x2="${x}" y1="${y0 + PAD.top}" y2="${y0 + PAD.top + ph}" stroke="#eee"/>`,
			`<text x="${x}" y="${y0 + H - PAD.bottom + 12}" text-anchor="middle">${10 ** d} ms</text>`
		);
	}
	for (const q of [0, 0.5, 0.99]) {
		const y = py(q).toFixed(1);
		out.push(
			`<line x1="${x0 + PAD.left}" x2="${x0 + PAD.left + pw}" y1="${y}" y2="${y}" stroke="#eee"/>`,
			`<text x="${x0 + PAD.left - 4}" y="${y}" text-anchor="end" dominant-baseline="middle">p${Math.round(q * 100)}</text>`
		);
	}
	series.forEach(([name, samples], k) => {
		const color = COLORS[name] ?? OTHER[k % OTHER.length];
		const sorted = [...samples].sort((a, b) => a - b);
		const points: string[] = [];
		for (let j = 0; j <= 100; j++) {
			const q = j / 100;
			const v = sorted[Math.min(sorted.length - 1, Math.floor(q * (sorted.length - 1)))] as number;
			points.push(`${px(v).toFixed(1)},${py(q).toFixed(1)}`);
		}
		out.push(
			`<polyline fill="none" stroke="${color}" stroke-width="1.6" points="${points.join(' ')}"/>`,
			`<text x="${x0 + PAD.left + 4 + k * 90}" y="${y0 + 28}" fill="${color}">■ ${escape(name)}</text>`
		);
	});
	return out.join('\n');
}

const escape = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
