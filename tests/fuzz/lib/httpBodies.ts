import type { Rng } from './Rng';

/**
 * Malformed HTTP bodies for the demand, photo, registration and import routes: values of the
 * wrong type, huge strings, NUL and odd Unicode, bad UUIDs, unknown enums, deep nesting,
 * truncated JSON and multipart, wrong content types. Seeded: the same seed sends the same bodies.
 */
export interface FuzzBody {
	contentType: string | null;
	body: Uint8Array | string;
	what: string;
}

const ODD = [
	'\u0000',
	'\uD800',
	'\uDFFF',
	'\u202E',
	'\uFEFF',
	'\u200B',
	'\uFFFF',
	'𠀀',
	'🧯',
	'\r\n',
	'%00',
	'../../etc/passwd',
	'<script>alert(1)</script>',
	"'; DROP TABLE demands; --"
];

export function oddString(rng: Rng): string {
	switch (rng.int(6)) {
		case 0:
			return rng.pick(ODD).repeat(1 + rng.int(5));
		case 1:
			return 'x'.repeat(rng.pick([2001, 70_000, 300_000]));
		case 2:
			return Array.from({ length: rng.int(40) }, () => rng.pick(ODD)).join('');
		case 3:
			return '';
		case 4:
			return String.fromCharCode(...Array.from({ length: 1 + rng.int(30) }, () => rng.int(0xffff)));
		default:
			return rng.pick(['repair', 'private', 'public', 'property_company', 'on', 'true', 'null']);
	}
}

export function oddValue(rng: Rng, depth = 0): unknown {
	switch (rng.int(9)) {
		case 0:
			return rng.pick([0, -1, 1e308, Number.MAX_SAFE_INTEGER, 0.5]);
		case 1:
			return rng.chance(0.5);
		case 2:
			return null;
		case 3:
			return depth < 3 ? [oddValue(rng, depth + 1)] : [];
		case 4:
			return depth < 3 ? { k: oddValue(rng, depth + 1) } : {};
		case 5:
			return rng.pick(['not-a-uuid', '00000000-0000-0000-0000-00000000000g', 'c-a-g1/../c-b-g1']);
		default:
			return oddString(rng);
	}
}

/** A JSON object built from `base`, with fields replaced, dropped or added at random. */
export function mutatedObject(rng: Rng, base: Record<string, unknown>): Record<string, unknown> {
	const out: Record<string, unknown> = { ...base };
	const keys = Object.keys(base);
	for (let i = 0, n = 1 + rng.int(3); i < n; i++) {
		const k = rng.chance(0.85) ? rng.pick(keys) : rng.pick(['__proto__', 'constructor', 'zzz']);
		if (rng.chance(0.15)) delete out[k];
		else out[k] = oddValue(rng);
	}
	return out;
}

const enc = new TextEncoder();

/** A body that is not a well-formed JSON object (or is one of the wrong shape). */
export function brokenJson(rng: Rng, base: Record<string, unknown>): FuzzBody {
	const json = JSON.stringify(mutatedObject(rng, base));
	switch (rng.int(8)) {
		case 0:
			return {
				contentType: 'application/json',
				body: json.slice(0, rng.int(json.length)),
				what: 'truncated'
			};
		case 1: {
			const d = rng.pick([100, 5000, 100_000]);
			return {
				contentType: 'application/json',
				body: '['.repeat(d) + ']'.repeat(d),
				what: `nested ${d}`
			};
		}
		case 2:
			return {
				contentType: 'application/json',
				body: rng.pick(['null', '42', '"s"', '[]', '']),
				what: 'not an object'
			};
		case 3:
			return {
				contentType: rng.pick([
					'text/plain',
					'application/xml',
					'application/x-www-form-urlencoded'
				]),
				body: json,
				what: 'wrong type'
			};
		case 4:
			return {
				contentType: 'application/json',
				body: randomBytes(rng, 1 + rng.int(2000)),
				what: 'random bytes'
			};
		case 5:
			return {
				contentType: 'application/json',
				body: JSON.stringify({ ...base, pad: 'y'.repeat(70_000) }),
				what: 'over 64 KiB'
			};
		default:
			return { contentType: 'application/json', body: json, what: 'mutated fields' };
	}
}

/** A urlencoded or multipart form made of odd fields, sometimes cut short. */
export function brokenForm(rng: Rng, fields: Record<string, string>, fileField?: string): FuzzBody {
	const values: Record<string, string> = {};
	for (const [k, v] of Object.entries(fields)) values[k] = rng.chance(0.5) ? oddString(rng) : v;
	if (rng.chance(0.5)) {
		const body = new URLSearchParams(values).toString();
		const cut = rng.chance(0.3) ? body.slice(0, rng.int(body.length + 1)) : body;
		return { contentType: 'application/x-www-form-urlencoded', body: cut, what: 'urlencoded' };
	}
	const boundary = `----fuzz${rng.int(1e9)}`;
	const parts = Object.entries(values).map(
		([k, v]) => `--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`
	);
	if (fileField) {
		parts.push(
			`--${boundary}\r\nContent-Disposition: form-data; name="${fileField}"; filename="${oddString(rng).slice(0, 300)}"\r\n` +
				`Content-Type: ${rng.pick(['text/csv', 'image/jpeg', 'application/octet-stream'])}\r\n\r\n` +
				new TextDecoder().decode(randomBytes(rng, rng.int(3000))) +
				'\r\n'
		);
	}
	const whole = enc.encode(parts.join('') + `--${boundary}--\r\n`);
	switch (rng.int(4)) {
		case 0:
			return {
				contentType: `multipart/form-data; boundary=${boundary}`,
				body: whole.subarray(0, rng.int(whole.length)),
				what: 'truncated multipart'
			};
		case 1:
			return {
				contentType: `multipart/form-data; boundary=other${boundary}`,
				body: whole,
				what: 'wrong boundary'
			};
		case 2:
			return { contentType: 'multipart/form-data', body: whole, what: 'no boundary' };
		default:
			return {
				contentType: `multipart/form-data; boundary=${boundary}`,
				body: whole,
				what: 'multipart'
			};
	}
}

export function randomBytes(rng: Rng, n: number): Uint8Array {
	const out = new Uint8Array(n);
	for (let i = 0; i < n; i++) out[i] = rng.int(256);
	return out;
}
