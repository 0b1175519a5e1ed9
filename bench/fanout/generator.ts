/**
 * One of the load generator's two processes (forked by bench/fanout/generatorHandle.ts, both
 * pinned to core 1 while the server under test has core 0): the real editing clients, or the
 * thin receivers. Driven over IPC; each takes only its own commands. Markers carry the bench
 * clock (`benchClockMs`), which both processes read alike.
 */
import { sleep } from './procStats';
import { openEditor, seedAgenda, type Editor } from './editors';
import type { GeneratorCommand, GeneratorReply } from './generatorProtocol';
import { Arrivals, benchClockMs } from './latency';
import { openThinReceiver, type ThinReceiver, type ThinTarget } from './thinReceiver';

// Every y-websocket provider adds a process 'exit' listener in Node; hundreds are expected.
process.setMaxListeners(0);
// A stock client's reconnect that is reset surfaces as an unhandled socket error; it retries.
process.on('uncaughtException', (error: NodeJS.ErrnoException) => {
	if (['ECONNRESET', 'ECONNREFUSED', 'EPIPE'].includes(error.code ?? '')) return;
	console.error(error);
	process.exit(1);
});

const reply = (m: GeneratorReply) => process.send?.(m);
let editors: Editor[] = [];
let receivers: { docName: string; r: ThinReceiver }[] = [];
let receiverTargets: ThinTarget[] = [];
let arrivals = new Arrivals();
const seen = (stampUs: number, nowUs: number) => arrivals.add(stampUs, nowUs);

/** Runs `open` over `items`, `width` at a time (a thousand upgrades at once look like an attack). */
async function inBatches<T, R>(items: T[], width: number, open: (item: T) => Promise<R>) {
	const out: R[] = [];
	for (let i = 0; i < items.length; i += width)
		out.push(...(await Promise.all(items.slice(i, i + width).map(open))));
	return out;
}

function openReceivers(targets: ThinTarget[]) {
	return inBatches(targets, 50, async (target) => ({
		docName: target.docName,
		r: await openThinReceiver(target, seen)
	}));
}

/** Edits at `ratePerSecond` for `seconds`, round the editors; returns the edits per document. */
async function edit(ratePerSecond: number, seconds: number) {
	const sentTo: Record<string, number> = {};
	/** [stamp µs, ms from the stamp until the send returned] per edit. */
	const sentAfterMs: [number, number][] = [];
	const start = performance.now();
	const end = start + seconds * 1000;
	let sent = 0;
	// Edits are due at a steady rate; a late timer catches up with a burst, as a busy client would.
	while (performance.now() < end) {
		const due = Math.floor(((performance.now() - start) / 1000) * ratePerSecond);
		for (; sent < due; sent++) {
			const editor = editors[sent % editors.length] as Editor;
			const stamp = editor.edit();
			sentAfterMs.push([stamp, benchClockMs() - stamp / 1000]);
			sentTo[editor.spec.docName] = (sentTo[editor.spec.docName] ?? 0) + 1;
		}
		await sleep(1);
	}
	return {
		sentTo,
		sentAfterMs,
		achievedRate: Math.round(sent / ((performance.now() - start) / 1000))
	};
}

function listen() {
	arrivals = new Arrivals();
	for (const { r } of receivers) r.markers = 0;
}

/** Waits until each document's edits reached each of its receivers, or `drainMs` passed. */
async function collect(
	sentTo: Record<string, number>,
	sentAfterMs: [number, number][],
	drainMs: number
) {
	let expected = 0;
	for (const { docName } of receivers) expected += sentTo[docName] ?? 0;
	const deadline = performance.now() + drainMs;
	const delivered = () => receivers.reduce((n, { r }) => n + r.markers, 0);
	while (delivered() < expected && performance.now() < deadline) await sleep(5);
	const latency = arrivals.latencies(new Map(sentAfterMs)).summary();
	return { expected, delivered: delivered(), latency };
}

process.on('message', (command: GeneratorCommand) => {
	void (async () => {
		try {
			switch (command.type) {
				case 'editors': {
					const seed = seedAgenda(command.seedChars);
					// Seeders first (one per document), so the seed is on the server before others sync.
					// Each editor keeps to a paragraph of its own: its place among its document's editors.
					const perDoc = new Map<string, number>();
					const lined = command.editors.map((spec) => {
						const line = perDoc.get(spec.docName) ?? 0;
						perDoc.set(spec.docName, line + 1);
						return { spec, line };
					});
					const seeders = lined.filter(({ spec }) => spec.seed);
					editors.push(
						...(await inBatches(seeders, 20, ({ spec, line }) => openEditor(spec, line, seed)))
					);
					const rest = lined.filter(({ spec }) => !spec.seed);
					editors.push(
						...(await inBatches(rest, 20, ({ spec, line }) => openEditor(spec, line, null)))
					);
					reply({ type: 'done', count: editors.length });
					return;
				}
				case 'receivers': {
					receiverTargets.push(...command.receivers);
					receivers.push(...(await openReceivers(command.receivers)));
					reply({ type: 'done', count: receivers.length });
					return;
				}
				case 'reconnectReceivers': {
					// A server that fell behind keeps writing its backlog to these sockets (and its
					// dropped ones stay dropped): fresh sockets give the next phase a clean start.
					for (const { r } of receivers) r.close();
					receivers = await openReceivers(receiverTargets);
					reply({ type: 'done', count: receivers.length });
					return;
				}
				case 'editorsOnline':
					await Promise.all(editors.map((e) => e.setOnline(command.online)));
					reply({ type: 'done', count: editors.length });
					return;
				case 'edit':
					reply({ type: 'edited', ...(await edit(command.ratePerSecond, command.seconds)) });
					return;
				case 'listen':
					listen();
					reply({ type: 'done', count: receivers.length });
					return;
				case 'collect':
					reply({
						type: 'collected',
						...(await collect(command.sentTo, command.sentAfterMs, command.drainMs))
					});
					return;
				case 'closeAll':
					for (const e of editors) e.destroy();
					for (const { r } of receivers) r.close();
					editors = [];
					receivers = [];
					receiverTargets = [];
					reply({ type: 'done', count: 0 });
					return;
				case 'exit':
					process.exit(0);
			}
		} catch (error) {
			reply({ type: 'error', message: String(error instanceof Error ? error.stack : error) });
		}
	})();
});

reply({ type: 'ready' });
