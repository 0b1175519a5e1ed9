import * as A from '@automerge/automerge';
import { afterAll, beforeAll, expect, test } from 'vitest';
import type { Board } from '../../src/lib/domain/board';
import { boardClient, waitUntilServerHas, type BoardClient } from '../helpers/automergeClient';
import { Balancer } from '../helpers/balancer';
import { startCluster, type Instance, type TestCluster } from '../helpers/cluster';
import { waitFor } from '../helpers/server';

// Three instances on one PostgreSQL and one Redis; stock automerge-repo clients spread across
// them. One client socket carries every board it has open, so boards are not routed: each
// instance stores what it accepts and relays it to the instances that have the board open.
let cluster: TestCluster;
const clients: BoardClient[] = [];
beforeAll(async () => {
	cluster = await startCluster(3);
});
afterAll(async () => {
	await Promise.all(clients.map((c) => c.close()));
	await cluster?.stop();
});

type Target = Pick<Instance, 'port' | 'headersFor'>;

async function open(on: Target, username: string) {
	const client = await boardClient(on, username);
	clients.push(client);
	return client;
}

async function close(client: BoardClient) {
	clients.splice(clients.indexOf(client), 1);
	await client.close();
}

function notesOf(doc: Board, taskId: string) {
	return doc.tasks[taskId]?.notes ?? '';
}

/** The board as a fresh client of `on` gets it (it holds nothing of its own). */
async function freshBoard(on: Target, boardId: string) {
	const fresh = await open(on, 'resident');
	try {
		return (await fresh.find<Board>(boardId)).doc();
	} finally {
		await close(fresh);
	}
}

test('writers on three instances converge on one board, and a new instance loads it all', async () => {
	const [one, two, three] = cluster.instances as [Instance, Instance, Instance];
	const boardId = one.boardId;
	const writers = [
		await open(one, 'secretary'),
		await open(two, 'oc-member'),
		await open(three, 'rc-member')
	];
	const handles = await Promise.all(writers.map((w) => w.find<Board>(boardId)));
	const taskId = Object.keys(handles[0]!.doc().tasks)[0] as string;
	const markers: string[] = [];
	for (let i = 0; i < 10; i++) {
		handles.forEach((h, n) => {
			const marker = `<w${n}-${i}>`;
			h.change((d) => {
				A.splice(d, ['tasks', taskId, 'notes'], 0, 0, marker);
			});
			markers.push(marker);
		});
		await new Promise((r) => setTimeout(r, 10));
	}
	await waitFor(
		() => handles.every((h) => markers.every((m) => notesOf(h.doc(), taskId).includes(m))),
		'every writer to see every marker',
		30_000
	);
	const notes = handles.map((h) => notesOf(h.doc(), taskId));
	expect(new Set(notes).size).toBe(1);
	await Promise.all(writers.map((w, n) => waitUntilServerHas(w, handles[n]!)));
	// An instance that starts now knows the board only from the database.
	const four = await cluster.start('gz-4');
	expect(notesOf(await freshBoard(four, boardId), taskId)).toBe(notes[0]);
	for (const w of writers) await close(w);
});

test("a reader's change is refused on its instance and reaches no other", async () => {
	const [one, two, three] = cluster.instances as [Instance, Instance, Instance];
	const boardId = one.boardId;
	const onOne = await open(one, 'secretary');
	const onThree = await open(three, 'oc-member');
	const reader = await open(two, 'resident');
	const [h1, h3, hr] = await Promise.all([
		onOne.find<Board>(boardId),
		onThree.find<Board>(boardId),
		reader.find<Board>(boardId)
	]);
	hr.change((d) => {
		d.title = 'READER-EDIT';
	});
	await waitFor(
		() => two.stderr.some((l) => l.includes('u-resident') && l.includes('(4403)')),
		'the reader socket to be closed as forbidden on its instance'
	);
	h1.change((d) => {
		d.pledge.goal = 'WRITER-EDIT';
	});
	await waitFor(() => h3.doc().pledge.goal === 'WRITER-EDIT', 'three to see the writer');
	// The writer's change went out after the reader's was refused: had the reader's been
	// relayed, it would have arrived first.
	expect(h1.doc().title).not.toBe('READER-EDIT');
	expect(h3.doc().title).not.toBe('READER-EDIT');
	expect((await freshBoard(three, boardId)).title).not.toBe('READER-EDIT');
	for (const c of [onOne, onThree, reader]) await close(c);
});

test('killing an instance mid-edit loses nothing its peers had; its client resyncs elsewhere, and it restarts with it all', async () => {
	const [one, two] = cluster.instances as [Instance, Instance];
	const boardId = one.boardId;
	// The writer's reconnects go to the first instance alive in this order: two, then one.
	const balancer = await new Balancer(() => [two.port, one.port]).listen();
	try {
		const watcher = await open(one, 'secretary');
		const writer = await open(
			{ port: balancer.port, headersFor: (username) => two.headersFor(username) },
			'oc-member'
		);
		const [hw, hk] = await Promise.all([watcher.find<Board>(boardId), writer.find<Board>(boardId)]);
		const taskId = Object.keys(hk.doc().tasks)[0] as string;
		const written: string[] = [];
		let stop = false;
		const typing = (async () => {
			for (let i = 0; !stop; i++) {
				const marker = `<k${i}>`;
				hk.change((d) => {
					A.splice(d, ['tasks', taskId, 'notes'], 0, 0, marker);
				});
				written.push(marker);
				await new Promise((r) => setTimeout(r, 15));
			}
		})();
		await waitFor(() => notesOf(hw.doc(), taskId).includes('<k20>'), 'edits to flow');
		await two.kill9();
		// What the peers had when it died: every one of these was stored before it was relayed.
		const seenByPeer = notesOf(hw.doc(), taskId).match(/<k\d+>/g) ?? [];
		await new Promise((r) => setTimeout(r, 300));
		stop = true;
		await typing;
		// The writer's adapter reconnects through the balancer to instance one and syncs what
		// the dead instance never acknowledged.
		await waitFor(
			() => written.every((m) => notesOf(hw.doc(), taskId).includes(m)),
			'every edit to reach the watcher after the resync',
			30_000
		);
		await waitUntilServerHas(writer, hk);
		await close(writer);
		await close(watcher);
		// Restarted in place, the dead instance knows the board only from the database.
		const restarted = await cluster.start('gz-2-again', 1);
		const stored = notesOf(await freshBoard(restarted, boardId), taskId);
		for (const m of seenByPeer) expect(stored).toContain(m);
		for (const m of written) expect(stored).toContain(m);
	} finally {
		await balancer.close();
	}
});
