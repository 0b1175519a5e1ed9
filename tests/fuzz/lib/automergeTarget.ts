import * as A from '@automerge/automerge';
import { cbor, generateAutomergeUrl, parseAutomergeUrl } from '@automerge/automerge-repo';
import type { FuzzPayload, FuzzTarget } from './FuzzTarget';
import { GIANT_LENGTHS, concat, mutate, varUint } from './mutate';
import type { Rng } from './Rng';

const encode = (msg: unknown) => new Uint8Array(cbor.encode(msg));

function firstSyncMessage(): Uint8Array {
	const [, msg] = A.generateSyncMessage(A.init(), A.initSyncState());
	if (!msg) throw new Error('automerge produced no sync message');
	return msg;
}

/** A sync message carrying one fresh root change (its own `fuzz…` key, never the board's). */
function syncWithChange(rng: Rng): Uint8Array {
	const doc = A.from<Record<string, unknown>>({ [`fuzz${rng.int(1000)}`]: rng.int(1e6) });
	const change = A.getLastLocalChange(doc);
	if (!change) throw new Error('no change');
	return A.encodeSyncMessage({
		heads: A.getHeads(doc),
		need: [],
		have: [],
		changes: [rng.chance(0.5) ? change : mutate(rng, change)]
	});
}

/** CBOR items that declare more than they hold, or nest past any stack. */
function hostileCbor(rng: Rng): Uint8Array {
	return rng.pick([
		() => Uint8Array.from([0x9b, 0, 0, 0, 1, 0, 0, 0, 0]),
		() => Uint8Array.from([0xbb, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff]),
		() => Uint8Array.from([0x5a, 0x7f, 0xff, 0xff, 0xff, 1, 2]),
		() => Uint8Array.from([0x7b, 0, 0, 0, 0x10, 0, 0, 0, 0, 0x41]),
		() => new Uint8Array(20_000 + rng.int(80_000)).fill(rng.pick([0x81, 0xa1, 0xc6])),
		() => concat(Uint8Array.from([0xd9, 0xd9, 0xf7]), rng.bytes(rng.int(100))),
		() => Uint8Array.from([0xa1, 0x64, 0x74, 0x79, 0x70, 0x65, 0xf9, 0x7c, 0x00])
	])();
}

/** automerge-repo's websocket protocol on `/sync/automerge`, syncing `boardId`. */
export function automergeTarget(boardId: string): FuzzTarget {
	const peer = (rng: Rng) => `fuzz-${rng.int(1e9)}`;
	const request = (rng: Rng, documentId: unknown, data: unknown) =>
		encode({
			type: rng.pick(['request', 'sync']),
			senderId: peer(rng),
			targetId: 'server',
			documentId,
			data
		});
	const valid = (rng: Rng): FuzzPayload =>
		rng.weighted<FuzzPayload>([
			[2, () => ({ kind: 'am:request', bytes: request(rng, boardId, firstSyncMessage()) })],
			[2, () => ({ kind: 'am:sync-change', bytes: request(rng, boardId, syncWithChange(rng)) })],
			[
				1,
				() => ({
					kind: 'am:unknown-board',
					bytes: request(
						rng,
						parseAutomergeUrl(generateAutomergeUrl()).documentId,
						firstSyncMessage()
					)
				})
			],
			[
				1,
				() => ({
					kind: 'am:ephemeral',
					bytes: encode({ type: 'ephemeral', documentId: boardId, data: rng.bytes(8) })
				})
			],
			[
				1,
				() => ({
					kind: 'am:join',
					bytes: encode({
						type: 'join',
						senderId: peer(rng),
						peerMetadata: {},
						supportedProtocolVersions: ['1']
					})
				})
			]
		]);
	return {
		name: 'automerge',
		path: '/sync/automerge',
		opening: (rng) =>
			rng.chance(0.85)
				? [
						encode({
							type: 'join',
							senderId: peer(rng),
							peerMetadata: {},
							supportedProtocolVersions: ['1']
						})
					]
				: [],
		payload: (rng) =>
			rng.weighted<FuzzPayload>([
				[3, () => valid(rng)],
				[4, () => ({ kind: 'am:mutated-cbor', bytes: mutate(rng, valid(rng).bytes) })],
				[
					3,
					() => ({
						kind: 'am:mutated-sync-data',
						bytes: request(
							rng,
							boardId,
							mutate(rng, rng.chance(0.5) ? firstSyncMessage() : syncWithChange(rng))
						)
					})
				],
				[1, () => ({ kind: 'am:random', bytes: rng.bytes(1 + rng.int(2000)) })],
				[1, () => ({ kind: 'am:hostile-cbor', bytes: hostileCbor(rng) })],
				[
					1,
					() => ({
						kind: 'am:long-document-id',
						bytes: request(
							rng,
							rng.pick(['z', '1', 'Z', '9']).repeat(rng.pick([100, 10_000, 200_000])),
							firstSyncMessage()
						)
					})
				],
				[
					1,
					() => ({
						kind: 'am:wrong-field-types',
						bytes: encode(
							rng.pick([
								{ type: 'sync', documentId: 42, data: firstSyncMessage() },
								{ type: 'sync', documentId: boardId, data: 'not bytes' },
								{ type: 'request', documentId: boardId, data: new Uint8Array(0) },
								{ type: 7 },
								{ type: 'join', senderId: 'x'.repeat(10_000) },
								{ type: 'join', senderId: peer(rng), supportedProtocolVersions: '1' },
								{ type: 'x'.repeat(100_000) },
								{ type: 'sync', documentId: '../../etc/passwd', data: firstSyncMessage() },
								{ type: 'sync', documentId: `${boardId}\u0000`, data: firstSyncMessage() }
							])
						)
					})
				],
				[
					1,
					() => ({
						kind: 'am:giant-length-sync',
						bytes: request(
							rng,
							boardId,
							concat(Uint8Array.from([0x42]), varUint(rng.pick(GIANT_LENGTHS)), rng.bytes(16))
						)
					})
				]
			])
	};
}
