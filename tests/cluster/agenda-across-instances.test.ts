import { Redis } from 'ioredis';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { Balancer } from '../helpers/balancer';
import { startCluster, type Instance, type TestCluster } from '../helpers/cluster';
import { waitFor } from '../helpers/server';
import {
	openAgenda,
	paragraph,
	paragraphText,
	waitForAck,
	type AgendaClient,
	type YjsTarget
} from '../helpers/yjsClient';

// Three instances on one PostgreSQL and one Redis; stock y-websocket clients spread across them.
let cluster: TestCluster;
const clients: AgendaClient[] = [];
beforeAll(async () => {
	cluster = await startCluster(3);
});
afterAll(async () => {
	for (const c of clients) c.destroy();
	await cluster?.stop();
});

async function open(on: YjsTarget, username: string) {
	const client = await openAgenda(on, username);
	clients.push(client);
	return client;
}

/** A client that never wrote and holds nothing: what it shows is what the database holds. */
async function freshText(on: YjsTarget, index: number) {
	const fresh = await open(on, 'resident');
	await waitFor(() => paragraphText(fresh.doc, index).length > 0, 'a fresh client to load');
	const text = paragraphText(fresh.doc, index);
	fresh.destroy();
	return text;
}

/** The instance as reached through a load balancer (same cookies, the balancer's Origin). */
function behind(balancer: Balancer, instance: Instance): YjsTarget {
	return {
		wsUrl: balancer.url.replace('http', 'ws'),
		agendaId: instance.agendaId,
		async headersFor(username) {
			const headers = await instance.headersFor(username);
			return { ...headers, Origin: balancer.url };
		}
	};
}

test('writers on three instances converge on one document, and the database has it all', async () => {
	const [one, two, three] = cluster.instances as [Instance, Instance, Instance];
	const writers = [
		await open(one, 'secretary'),
		await open(two, 'oc-member'),
		await open(three, 'rc-member')
	];
	const markers: string[] = [];
	for (let i = 0; i < 10; i++) {
		writers.forEach((w, n) => {
			const text = paragraph(w.doc, 0);
			const marker = `<w${n}-${i}>`;
			text.insert(i % 2 === 0 ? 0 : text.length, marker);
			markers.push(marker);
		});
		await new Promise((r) => setTimeout(r, 10));
	}
	await waitFor(
		() => writers.every((w) => markers.every((m) => paragraphText(w.doc, 0).includes(m))),
		'every writer to see every marker'
	);
	const texts = writers.map((w) => paragraphText(w.doc, 0));
	expect(new Set(texts).size).toBe(1);
	await Promise.all(writers.map((w, n) => waitForAck(w, n + 1)));
	for (const w of writers) w.destroy();
	// Read back through another instance than each writer's.
	expect(await freshText(two, 0)).toBe(texts[0]);
});

test("a reader's edit is dropped on its instance and reaches no other, while edits reach the reader", async () => {
	const [one, two, three] = cluster.instances as [Instance, Instance, Instance];
	const onOne = await open(one, 'secretary');
	const onThree = await open(three, 'oc-member');
	const reader = await open(two, 'resident');

	paragraph(reader.doc, 0).insert(0, 'READER-EDIT ');
	await waitFor(
		() => two.stderr.some((l) => l.includes('dropped an update from u-resident')),
		'the drop to be logged on the reader’s instance'
	);
	paragraph(onOne.doc, 0).insert(0, 'WRITER-EDIT ');
	await waitFor(() => paragraphText(reader.doc, 0).includes('WRITER-EDIT'), 'the reader to see it');
	await waitFor(() => paragraphText(onThree.doc, 0).includes('WRITER-EDIT'), 'three to see it');
	// The writer's edit went out after the reader's was dropped: had the reader's been relayed,
	// it would have arrived first.
	expect(paragraphText(onOne.doc, 0)).not.toContain('READER-EDIT');
	expect(paragraphText(onThree.doc, 0)).not.toContain('READER-EDIT');
	reader.destroy();
	onOne.destroy();
	onThree.destroy();
	expect(await freshText(three, 0)).not.toContain('READER-EDIT');
});

test('killing an instance mid-edit loses nothing its peers had; its client resyncs elsewhere', async () => {
	const [one, two, three] = cluster.instances as [Instance, Instance, Instance];
	// The writer's reconnects go to the first instance alive in this order: two, then one.
	const balancer = await new Balancer(() => [two.port, one.port]).listen();
	try {
		const watcher = await open(one, 'secretary');
		const writer = await open(behind(balancer, two), 'oc-member');
		const written: string[] = [];
		let stop = false;
		const typing = (async () => {
			for (let i = 0; !stop; i++) {
				const marker = `<k${i}>`;
				paragraph(writer.doc, 1).insert(paragraph(writer.doc, 1).length, marker);
				written.push(marker);
				await new Promise((r) => setTimeout(r, 15));
			}
		})();
		await waitFor(() => paragraphText(watcher.doc, 1).includes('<k20>'), 'edits to flow');
		await two.kill9();
		// What the peers had when it died: every one of these was stored before it was relayed.
		const seenByPeer = paragraphText(watcher.doc, 1).match(/<k\d+>/g) ?? [];
		await new Promise((r) => setTimeout(r, 300));
		stop = true;
		await typing;
		// The writer's provider reconnects through the balancer to instance one and re-sends
		// what the dead instance never acknowledged.
		await waitFor(
			() => writer.provider.wsconnected && writer.provider.synced,
			'the writer to reconnect'
		);
		await waitFor(
			() => written.every((m) => paragraphText(watcher.doc, 1).includes(m)),
			'every edit to reach the watcher after the resync'
		);
		await waitForAck(writer, 7);
		writer.destroy();
		watcher.destroy();
		const stored = await freshText(three, 1);
		for (const m of seenByPeer) expect(stored).toContain(m);
		for (const m of written) expect(stored).toContain(m);
	} finally {
		await balancer.close();
	}
});

test('a restarted instance catches up with what was written while it was down', async () => {
	const one = cluster.instances[0] as Instance;
	const writer = await open(one, 'secretary');
	paragraph(writer.doc, 0).insert(0, '<while-down>');
	await waitForAck(writer, 1);
	const restarted = await cluster.start('gz-2-again', 1);
	const there = await open(restarted, 'oc-member');
	expect(paragraphText(there.doc, 0)).toContain('<while-down>');
	// Live both ways once it is back.
	paragraph(writer.doc, 0).insert(0, '<to-restarted>');
	paragraph(there.doc, 0).insert(0, '<from-restarted>');
	await waitFor(
		() => paragraphText(there.doc, 0).includes('<to-restarted>'),
		'the restarted instance to relay a peer’s edit'
	);
	await waitFor(
		() => paragraphText(writer.doc, 0).includes('<from-restarted>'),
		'a peer to receive the restarted instance’s edit'
	);
	writer.destroy();
	there.destroy();
});

test('edits published while an instance’s Redis link was down reach it once the link is back', async () => {
	const [one, , three] = cluster.instances as [Instance, Instance, Instance];
	const writer = await open(one, 'secretary');
	const watcher = await open(three, 'oc-member');
	const admin = new Redis(cluster.redis.url);
	admin.on('error', () => {});
	try {
		// Every subscriber connection drops; ioredis reconnects them after a moment, and whatever
		// is published meanwhile reaches nobody.
		await admin.call('CLIENT', 'KILL', 'TYPE', 'pubsub');
		paragraph(writer.doc, 0).insert(0, '<during-the-break>');
		await waitForAck(writer, 1);
		await waitFor(
			() => paragraphText(watcher.doc, 0).includes('<during-the-break>'),
			'the watcher’s instance to catch up from the database'
		);
		expect(three.stderr.some((l) => l.includes('Redis is back'))).toBe(true);
	} finally {
		admin.disconnect();
		writer.destroy();
		watcher.destroy();
	}
});
