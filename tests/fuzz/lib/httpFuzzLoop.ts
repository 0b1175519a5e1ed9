import { monitorEventLoopDelay } from 'node:perf_hooks';
import type { FuzzBody } from './httpBodies';
import { Rng } from './Rng';

/** One route under fuzzing and how its refusals look. */
export interface HttpTarget {
	name: string;
	/** `form`: a page action (answers as SvelteKit's form failures); `api`: JSON `{error}`. */
	style: 'api' | 'form';
	make(rng: Rng): { path: string; who: string | null; body: FuzzBody };
}

export interface HttpFuzzOptions {
	url: string;
	/** Session cookies by demo username, for the targets' `who`. */
	cookies: Record<string, string>;
	targets: readonly HttpTarget[];
	requests: number;
	seed: number;
	/** Every watched table's row count as one string: a refused request must not change it. */
	counts(): string;
	/** Asserts that a bystander is still served; called every 100 requests. */
	bystander(): Promise<void>;
}

export interface HttpFuzzResult {
	byStatus: Record<string, number>;
	accepted: number;
	resets: number;
	bystanderRounds: number;
	/** What went wrong: a 5xx, an API refusal without a code, a refusal that wrote rows. */
	problems: string[];
	/** Worst event-loop delay seen in this process (the in-process server's loop), ms. */
	worstStallMs: number;
}

/** Every byte percent-encoded (lone surrogates become U+FFFD, as a browser would send them). */
export const pathPart = (s: string) =>
	[...Buffer.from(s, 'utf8')].map((b) => `%${b.toString(16).padStart(2, '0')}`).join('');

interface Outcome {
	status: number;
	text: string;
}

async function send(o: HttpFuzzOptions, path: string, who: string | null, b: FuzzBody) {
	const headers: Record<string, string> = { origin: o.url, accept: 'application/json' };
	if (who) headers.cookie = o.cookies[who]!;
	if (b.contentType) headers['content-type'] = b.contentType;
	const res = await fetch(o.url + path, {
		method: 'POST',
		redirect: 'manual',
		headers,
		body: b.body as BodyInit
	});
	return { status: res.status, text: await res.text() } satisfies Outcome;
}

/**
 * Sends `requests` seeded malformed bodies round-robin over the targets. Every answer must be
 * below 500 and, from an API, a refusal with a code; a refused request (or a page action's
 * failure) must leave every watched table as it was; a bystander is served throughout.
 */
export async function runHttpFuzz(o: HttpFuzzOptions): Promise<HttpFuzzResult> {
	const rng = new Rng(o.seed);
	const delay = monitorEventLoopDelay({ resolution: 10 });
	delay.enable();
	const result: HttpFuzzResult = {
		byStatus: {},
		accepted: 0,
		resets: 0,
		bystanderRounds: 0,
		problems: [],
		worstStallMs: 0
	};
	for (let i = 0; i < o.requests; i++) {
		const target = o.targets[i % o.targets.length]!;
		const { path, who, body } = target.make(rng.fork(i));
		const before = o.counts();
		let out: Outcome;
		try {
			out = await send(o, path, who, body);
		} catch {
			// A kept-alive connection the server closed after an early refusal (it does not read
			// the rest of a body it refuses) can reset under the next request: send it once more.
			result.resets++;
			out = await send(o, path, who, body);
		}
		result.byStatus[out.status] = (result.byStatus[out.status] ?? 0) + 1;
		const refused = out.status >= 300 && out.status !== 303;
		const form =
			target.style === 'form' && out.status === 200 && out.text.includes('"type":"failure"');
		if (out.status >= 500) result.problems.push(`${target.name} [${body.what}] → ${out.status}`);
		else if (
			out.status >= 400 &&
			target.style === 'api' &&
			out.status !== 413 &&
			!/"error":"[a-z_A-Z]+"/.test(out.text)
		)
			result.problems.push(
				`${target.name} [${body.what}] → ${out.status} without a code: ${out.text.slice(0, 80)}`
			);
		if ((refused || form) && o.counts() !== before)
			result.problems.push(
				`${target.name} [${body.what}] → ${out.status} but rows ${before} → ${o.counts()}`
			);
		if (!refused && !form) result.accepted++;
		if (i % 100 === 0) {
			await o.bystander();
			result.bystanderRounds++;
		}
	}
	delay.disable();
	result.worstStallMs = Math.round(delay.max / 1e6);
	return result;
}
