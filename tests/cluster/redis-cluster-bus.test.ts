import { Redis } from 'ioredis';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { RedisClusterBus } from '../../server/cluster/RedisClusterBus';
import { waitFor } from '../helpers/server';
import { startTempRedis, type TempRedis } from '../helpers/tempRedis';

let redis: TempRedis;
let admin: Redis;
const buses: RedisClusterBus[] = [];

beforeAll(async () => {
	redis = await startTempRedis();
	admin = new Redis(redis.url);
	admin.on('error', () => {});
});
afterAll(async () => {
	for (const b of buses) await b.close();
	admin?.disconnect();
	await redis?.stop();
});

async function bus(id: string) {
	const b = new RedisClusterBus(redis.url, id, () => {});
	buses.push(b);
	await b.ready();
	return b;
}

async function subscribers(topic: string): Promise<number> {
	const reply = (await admin.call('PUBSUB', 'NUMSUB', `gongzhi:${topic}`)) as [string, number];
	return Number(reply[1]);
}

test('bytes published by one instance reach the other, intact and with the sender id, and not the sender', async () => {
	const one = await bus('one');
	const two = await bus('two');
	const atOne: Uint8Array[] = [];
	const atTwo: { bytes: Uint8Array; from: string }[] = [];
	const offOne = one.subscribe('doc', (m) => atOne.push(m.slice()));
	const offTwo = two.subscribe('doc', (m, from) => atTwo.push({ bytes: m.slice(), from }));
	await Promise.all([offOne.ready, offTwo.ready]);
	const all = Uint8Array.from({ length: 256 }, (_, i) => i);
	one.publish('doc', all);
	await waitFor(() => atTwo.length === 1, 'the message at two');
	expect(atTwo[0]!.from).toBe('one');
	expect([...atTwo[0]!.bytes]).toEqual([...all]);
	// One round trip later: the sender's own echo was dropped, not merely slow.
	two.publish('doc', Uint8Array.of(7));
	await waitFor(() => atOne.length === 1, 'the reply at one');
	expect([...atOne[0]!]).toEqual([7]);
	offOne();
	offTwo();
});

test('an instance subscribes to a topic only while it has a listener on it', async () => {
	const one = await bus('three');
	const first = one.subscribe('room-a', () => {});
	const second = one.subscribe('room-a', () => {});
	await first.ready;
	expect(await subscribers('room-a')).toBe(1);
	first();
	expect(await subscribers('room-a')).toBe(1);
	second();
	await waitFor(async () => (await subscribers('room-a')) === 0, 'the unsubscribe');
});

test('after Redis drops the connection the bus reconnects, re-subscribes and says it resumed', async () => {
	const one = await bus('four');
	const two = await bus('five');
	let resumed = 0;
	two.onResume(() => resumed++);
	const got: number[] = [];
	const off = two.subscribe('after-break', (m) => got.push(m[0]!));
	await off.ready;
	await admin.call('CLIENT', 'KILL', 'TYPE', 'pubsub');
	await waitFor(() => resumed > 0, 'the resume notice');
	await waitFor(async () => (await subscribers('after-break')) === 1, 'the re-subscription');
	one.publish('after-break', Uint8Array.of(42));
	await waitFor(() => got.includes(42), 'a message after the break');
	off();
});

test('close quits both connections', async () => {
	const before = await clientCount();
	const one = new RedisClusterBus(redis.url, 'six', () => {});
	await one.ready();
	expect(await clientCount()).toBe(before + 2);
	await one.close();
	await waitFor(async () => (await clientCount()) === before, 'both connections gone');
});

async function clientCount(): Promise<number> {
	const list = (await admin.call('CLIENT', 'LIST')) as string;
	return list.trim().split('\n').length;
}
