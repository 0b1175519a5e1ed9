import * as encoding from 'lib0/encoding';
import { Awareness, encodeAwarenessUpdate } from 'y-protocols/awareness';
import * as Y from 'yjs';
import {
	MESSAGE_ACK,
	MESSAGE_AWARENESS,
	MESSAGE_QUERY_AWARENESS,
	MESSAGE_SYNC,
	SYNC_STEP1,
	SYNC_STEP2,
	SYNC_UPDATE,
	YJS_SYNC_PATH
} from '../../../src/lib/domain/yjsProtocol';
import type { FuzzPayload, FuzzTarget } from './FuzzTarget';
import { GIANT_LENGTHS, concat, mutate, truncatedVarint, varUint } from './mutate';
import type { Rng } from './Rng';

/**
 * yjs issue 687: 27 bytes that make yjs 13.6's `Y.mergeUpdatesV2` loop forever (run-length
 * decoders keep yielding once their input ends). The server must never V2-decode or merge
 * client bytes; it is sent here as an update, as a sync step 2 and inside awareness.
 */
export const YJS_ISSUE_687_V2_UPDATE = Uint8Array.from(
	Buffer.from('00010000000001000100010200001602000001fdffffffff7f0000', 'hex')
);

function message(...parts: (number | Uint8Array)[]): Uint8Array {
	const encoder = encoding.createEncoder();
	for (const p of parts) {
		if (typeof p === 'number') encoding.writeVarUint(encoder, p);
		else encoding.writeVarUint8Array(encoder, p);
	}
	return encoding.toUint8Array(encoder);
}

/** A real update from a fresh document with a seeded client id: text in a `fuzz` map. */
function validUpdate(rng: Rng, v2 = false): Uint8Array {
	const doc = new Y.Doc();
	doc.clientID = 1 + rng.int(2 ** 31 - 2);
	const text = new Y.Text();
	doc.getMap('fuzz').set(`k${rng.int(1000)}`, text);
	text.insert(0, String.fromCharCode(...rng.bytes(1 + rng.int(40)).map((b) => 0x4e00 + b)));
	if (rng.chance(0.3)) text.delete(0, 1);
	const update = v2 ? Y.encodeStateAsUpdateV2(doc) : Y.encodeStateAsUpdate(doc);
	doc.destroy();
	return update;
}

function validAwareness(rng: Rng): Uint8Array {
	const doc = new Y.Doc();
	doc.clientID = 1 + rng.int(2 ** 31 - 2);
	const awareness = new Awareness(doc);
	awareness.setLocalState({
		user: { id: 'u-someone-else', name: 'x'.repeat(rng.int(50)) },
		cursor: rng.int(100)
	});
	const update = encodeAwarenessUpdate(awareness, [doc.clientID]);
	awareness.destroy();
	doc.destroy();
	return update;
}

/** An awareness update written by hand: any count, clock and JSON text. */
function handAwareness(rng: Rng): Uint8Array {
	const encoder = encoding.createEncoder();
	const json = rng.pick([
		'{',
		'null',
		'"x"',
		'['.repeat(50_000),
		JSON.stringify({ user: { id: 'u-secretary' } }),
		'{"a":' + '1'.repeat(5000) + '}'
	]);
	encoding.writeVarUint(encoder, rng.pick([1, 2, 1000, 0x7fffffff]));
	encoding.writeVarUint(encoder, rng.int(2 ** 32));
	encoding.writeVarUint(encoder, rng.pick([0, 1, 2 ** 32 - 1]));
	encoding.writeVarString(encoder, json);
	return encoding.toUint8Array(encoder);
}

/**
 * A V1 update that claims far more structs and deletions than it carries, the V1 cousin of the
 * issue-687 bomb: the decoder must run out of input and throw, not loop or allocate.
 */
function v1StructBomb(rng: Rng): Uint8Array {
	return concat(
		varUint(1),
		varUint(rng.pick([2 ** 31 - 1, 2 ** 32 - 2, 1e9])),
		varUint(rng.int(2 ** 31)),
		varUint(0),
		Uint8Array.from({ length: rng.int(40) }, () => rng.pick([0, 10, 0x7f])),
		varUint(rng.pick(GIANT_LENGTHS))
	);
}

const SYNC_KINDS = [SYNC_STEP1, SYNC_STEP2, SYNC_UPDATE];

/** The y-websocket protocol on `/sync/yjs/<agendaId>`. */
export function yjsTarget(agendaId: string): FuzzTarget {
	const valid = (rng: Rng): FuzzPayload =>
		rng.weighted<FuzzPayload>([
			[
				3,
				() => ({ kind: 'yjs:update', bytes: message(MESSAGE_SYNC, SYNC_UPDATE, validUpdate(rng)) })
			],
			[
				1,
				() => ({ kind: 'yjs:step2', bytes: message(MESSAGE_SYNC, SYNC_STEP2, validUpdate(rng)) })
			],
			[
				1,
				() => ({
					kind: 'yjs:step1',
					bytes: message(MESSAGE_SYNC, SYNC_STEP1, Y.encodeStateVector(new Y.Doc()))
				})
			],
			[
				2,
				() => ({ kind: 'yjs:awareness', bytes: message(MESSAGE_AWARENESS, validAwareness(rng)) })
			],
			[1, () => ({ kind: 'yjs:query-awareness', bytes: message(MESSAGE_QUERY_AWARENESS) })],
			[1, () => ({ kind: 'yjs:ack', bytes: message(MESSAGE_ACK, rng.int(1000)) })]
		]);
	return {
		name: 'yjs',
		path: `${YJS_SYNC_PATH}/${agendaId}`,
		opening: () => [],
		payload: (rng) =>
			rng.weighted<FuzzPayload>([
				[3, () => valid(rng)],
				[6, () => ({ kind: 'yjs:mutated', bytes: mutate(rng, valid(rng).bytes) })],
				[
					1,
					() => ({
						kind: 'yjs:truncated-varint',
						bytes: concat(varUint(rng.pick([0, 1, 100])), truncatedVarint(rng))
					})
				],
				[1, () => ({ kind: 'yjs:random', bytes: rng.bytes(1 + rng.int(2000)) })],
				[
					1,
					() => ({
						kind: 'yjs:giant-length',
						bytes: concat(
							varUint(rng.pick([MESSAGE_SYNC, MESSAGE_AWARENESS])),
							varUint(rng.pick(SYNC_KINDS)),
							varUint(rng.pick(GIANT_LENGTHS)),
							rng.bytes(rng.int(32))
						)
					})
				],
				[
					1,
					() => ({
						kind: 'yjs:issue-687-v2',
						bytes: rng.chance(0.8)
							? message(MESSAGE_SYNC, rng.pick([SYNC_UPDATE, SYNC_STEP2]), YJS_ISSUE_687_V2_UPDATE)
							: message(MESSAGE_AWARENESS, YJS_ISSUE_687_V2_UPDATE)
					})
				],
				[
					1,
					() => ({
						kind: 'yjs:v2-update',
						bytes: message(
							MESSAGE_SYNC,
							SYNC_UPDATE,
							rng.chance(0.5) ? validUpdate(rng, true) : mutate(rng, validUpdate(rng, true))
						)
					})
				],
				[
					1,
					() => ({
						kind: 'yjs:v1-struct-bomb',
						bytes: message(MESSAGE_SYNC, SYNC_UPDATE, v1StructBomb(rng))
					})
				],
				[
					1,
					() => ({
						kind: 'yjs:hand-awareness',
						bytes: message(MESSAGE_AWARENESS, handAwareness(rng))
					})
				]
			])
	};
}
