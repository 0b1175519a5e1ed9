/**
 * Soak run (issue 3 item 14), not part of `npm test`: SOAK_DOCS documents (half agendas on Yjs,
 * half boards on Automerge) × SOAK_CLIENTS stock clients each, editing for SOAK_MINUTES against a
 * server in its own process. Reports p50/p95/p99 propagation (edit on one client → seen by an
 * observer client of the same document), the server's memory at start and end, and whether every
 * replica of every document ended identical. `npm run soak`; the defaults are the full run
 * (50 × 20 × 30 min); e.g. `SOAK_MINUTES=2 npm run soak` for a short one.
 */
import * as A from '@automerge/automerge';
import { generateAutomergeUrl, parseAutomergeUrl, type DocHandle } from '@automerge/automerge-repo';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { AGENDA_SCHEMA_VERSION } from '../src/lib/domain/agenda';
import { BOARD_SCHEMA_VERSION, type Board } from '../src/lib/domain/board';
import { newBoard } from '../server/automerge/newBoard';
import { DEMO_AGENDA, DEMO_BOARD } from '../server/demo/demoDistrict';
import { openSqliteStores } from '../server/storage/sqlite';
import { newAgenda } from '../server/yjs/newAgenda';
import { boardClient, type BoardClient } from '../tests/helpers/automergeClient';
import { spawnServer } from '../tests/helpers/childServer';
import { envNumber, seededRandom } from '../tests/helpers/seededRandom';
import { tempDataDir, waitFor } from '../tests/helpers/server';
import {
	openAgenda,
	paragraph,
	paragraphText,
	type AgendaClient
} from '../tests/helpers/yjsClient';

const DOCS = envNumber('SOAK_DOCS', 50);
const CLIENTS = envNumber('SOAK_CLIENTS', 20);
const MINUTES = envNumber('SOAK_MINUTES', 30);
const EDIT_MS = envNumber('SOAK_EDIT_MS', 5000);
const WRITERS = ['secretary', 'rc-member', 'oc-member', 'pm-staff'];
const TASK = DEMO_BOARD.tasks[0].id;
const MARKER = /<t:(\d+):(\d+):(\d+)>/g;

const log = (line: string) => console.log(`[soak] ${line}`);
const rssMiB = (pid: number) => {
	const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
	return m ? Math.round(Number(m[1]) / 1024) : NaN;
};
const percentile = (sorted: number[], p: number) =>
	sorted.length
		? (sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))] as number)
		: NaN;

/** Registers the soak's documents straight in the database, as the demo seed does. */
async function createDocuments(dataDir: string) {
	const stores = openSqliteStores(dataDir);
	const agendas: string[] = [];
	const boards: string[] = [];
	for (let i = 0; i < DOCS; i++) {
		const base = { communityId: 'c-a', createdBy: 'u-secretary', title: `soak ${i}` };
		if (i % 2 === 0) {
			const id = `meeting-soak-${i}`;
			await stores.documents.register({
				...base,
				id,
				kind: 'agenda',
				schemaVersion: AGENDA_SCHEMA_VERSION
			});
			const agenda = newAgenda(DEMO_AGENDA.blocks);
			await stores.yjs.bindClient(id, agenda.clientId, 'system:soak');
			await stores.yjs.append(id, agenda.update, 'system:soak');
			agendas.push(id);
		} else {
			const id = parseAutomergeUrl(generateAutomergeUrl()).documentId;
			await stores.documents.register({
				...base,
				id,
				kind: 'board',
				schemaVersion: BOARD_SCHEMA_VERSION
			});
			const { changes } = newBoard({
				title: `soak ${i}`,
				pledge: DEMO_BOARD.pledge,
				tasks: DEMO_BOARD.tasks.map((t) => ({ ...t }))
			});
			await stores.automerge.appendChanges(id, changes, 'system:soak');
			boards.push(id);
		}
	}
	await stores.close();
	return { agendas, boards };
}

async function main() {
	const dataDir = tempDataDir();
	const random = seededRandom(envNumber('SOAK_SEED', 14));
	// First start seeds the demo district; then the documents are added and the server restarted.
	const seeding = await spawnServer({ dataDir, agendaId: DEMO_AGENDA.id, sessionsFor: WRITERS });
	await seeding.kill9();
	const { agendas, boards } = await createDocuments(dataDir);
	const server = await spawnServer({
		dataDir,
		agendaId: DEMO_AGENDA.id,
		cookies: seeding.cookies,
		// Four accounts drive every client here; the per-user socket cap (20) is for real people.
		env: { GONGZHI_MAX_SOCKETS_PER_USER: String(DOCS * CLIENTS) }
	});
	const pid = server.child.pid as number;
	log(
		`${agendas.length} agendas + ${boards.length} boards × ${CLIENTS} clients, ${MINUTES} min, an edit per client per ~${EDIT_MS} ms`
	);

	const sentAt = new Map<string, number>();
	const latencies: number[] = [];
	// Agendas have even document numbers, boards odd: kept apart to see which side is slow.
	const byKind: Record<'yjs' | 'automerge', number[]> = { yjs: [], automerge: [] };
	const seen = (text: string) => {
		for (const m of text.matchAll(MARKER)) {
			const t0 = sentAt.get(m[0]);
			if (t0 !== undefined) {
				latencies.push(performance.now() - t0);
				byKind[Number(m[1]) % 2 === 0 ? 'yjs' : 'automerge'].push(performance.now() - t0);
				sentAt.delete(m[0]);
			}
		}
	};

	// Yjs: CLIENTS providers per agenda; client 0 observes.
	const yjs: AgendaClient[][] = [];
	for (const id of agendas) {
		const clients: AgendaClient[] = [];
		for (let c = 0; c < CLIENTS; c++)
			clients.push(await openAgenda(server, WRITERS[c % WRITERS.length] as string, { docId: id }));
		paragraph((clients[0] as AgendaClient).doc, 1).observe((e) => {
			for (const d of e.delta) if (typeof d.insert === 'string') seen(d.insert);
		});
		yjs.push(clients);
	}
	// Automerge: CLIENTS repos, each with every board open; repo 0 observes.
	const repos: BoardClient[] = [];
	const handles: DocHandle<Board>[][] = boards.map(() => []);
	for (let c = 0; c < CLIENTS; c++) {
		const client = await boardClient(server, WRITERS[c % WRITERS.length] as string);
		client.adapter.onError = () => {}; // the stock adapter rethrows socket errors
		repos.push(client);
		for (const [b, id] of boards.entries())
			(handles[b] as DocHandle<Board>[]).push(await client.find<Board>(id));
	}
	for (const hs of handles) {
		(hs[0] as DocHandle<Board>).on('change', ({ patches }) => {
			for (const p of patches) if (p.action === 'splice') seen(p.value);
		});
	}
	const memStart = rssMiB(pid);
	log(`all clients connected; server RSS ${memStart} MiB`);

	let edits = 0;
	let memMax = memStart;
	const timers: ReturnType<typeof setTimeout>[] = [];
	const schedule = (edit: (marker: string) => void, doc: number, client: number) => {
		let n = 0;
		const tick = () => {
			const marker = `<t:${doc}:${client}:${n++}>`;
			// The observer's own edits are not propagation.
			if (client !== 0) sentAt.set(marker, performance.now());
			edit(marker);
			edits++;
			timers[doc * CLIENTS + client] = setTimeout(tick, random.int(EDIT_MS / 2, (EDIT_MS * 3) / 2));
		};
		timers[doc * CLIENTS + client] = setTimeout(tick, random.int(0, EDIT_MS));
	};
	yjs.forEach((clients, d) =>
		clients.forEach((c, i) =>
			schedule(
				(m) => {
					const p = paragraph(c.doc, 1);
					p.insert(random.chance(0.5) ? 0 : p.length, m);
				},
				d * 2,
				i
			)
		)
	);
	handles.forEach((hs, d) =>
		hs.forEach((h, i) =>
			schedule(
				(m) => {
					h.change((doc) => {
						const length = doc.tasks[TASK]?.notes.length ?? 0;
						A.splice(doc, ['tasks', TASK, 'notes'], random.chance(0.5) ? 0 : length, 0, m);
					});
				},
				d * 2 + 1,
				i
			)
		)
	);
	const end = Date.now() + MINUTES * 60_000;
	while (Date.now() < end) {
		await new Promise((r) => setTimeout(r, 10_000));
		memMax = Math.max(memMax, rssMiB(pid));
		const sorted = [...latencies].sort((a, b) => a - b);
		log(
			`${Math.round((end - Date.now()) / 1000)} s left: ${edits} edits, p95 ${percentile(sorted, 0.95).toFixed(0)} ms, RSS ${rssMiB(pid)} MiB`
		);
	}
	for (const t of timers) clearTimeout(t);

	const quiet = Date.now();
	await waitFor(
		() =>
			yjs.every((cs) =>
				cs.every((c) => paragraphText(c.doc, 1) === paragraphText((cs[0] as AgendaClient).doc, 1))
			) &&
			handles.every((hs) =>
				hs.every((h) => h.heads().join() === (hs[0] as DocHandle<Board>).heads().join())
			),
		'every replica to match',
		180_000
	).catch(() => undefined);
	const identicalYjs = yjs.filter((cs) =>
		cs.every((c) => paragraphText(c.doc, 1) === paragraphText((cs[0] as AgendaClient).doc, 1))
	).length;
	const identicalBoards = handles.filter((hs) =>
		hs.every((h) => h.heads().join() === (hs[0] as DocHandle<Board>).heads().join())
	).length;
	const memEnd = rssMiB(pid);
	const sorted = [...latencies].sort((a, b) => a - b);
	const result = {
		docs: DOCS,
		clientsPerDoc: CLIENTS,
		minutes: MINUTES,
		edits,
		propagationSamples: sorted.length,
		neverSeen: sentAt.size,
		p50Ms: Math.round(percentile(sorted, 0.5)),
		p95Ms: Math.round(percentile(sorted, 0.95)),
		p99Ms: Math.round(percentile(sorted, 0.99)),
		maxMs: Math.round(sorted[sorted.length - 1] ?? NaN),
		p95ByKindMs: Object.fromEntries(
			Object.entries(byKind).map(([k, v]) => [
				k,
				Math.round(
					percentile(
						v.sort((a, b) => a - b),
						0.95
					)
				)
			])
		),
		serverRssMiB: { start: memStart, max: memMax, end: memEnd },
		identical: {
			agendas: `${identicalYjs}/${agendas.length}`,
			boards: `${identicalBoards}/${boards.length}`
		},
		settleMs: Date.now() - quiet,
		// Why the server closed sockets, if it did (rate limits, refusals), by reason.
		serverClosed: Object.fromEntries(
			[...server.stderr.join('\n').matchAll(/\(\d{4}\): ([^\n]+)/g)].reduce((m, r) => {
				const why = r[1] as string;
				return m.set(why, (m.get(why) ?? 0) + 1);
			}, new Map<string, number>())
		)
	};
	log(JSON.stringify(result));
	mkdirSync('bench/results', { recursive: true });
	writeFileSync(
		`bench/results/soak-${new Date().toISOString().replace(/[:.]/g, '-')}.json`,
		JSON.stringify(result, null, 2)
	);

	for (const cs of yjs) for (const c of cs) c.destroy();
	for (const r of repos) await r.close();
	await server.kill9();
	rmSync(dataDir, { recursive: true, force: true });
	const ok =
		sentAt.size === 0 && identicalYjs === agendas.length && identicalBoards === boards.length;
	process.exit(ok ? 0 : 1);
}

await main();
