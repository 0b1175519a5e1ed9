import * as A from '@automerge/automerge';
import { describe, expect, it } from 'vitest';
import { decodeRelayMessage, encodeRelayMessage } from '../../server/automerge/relayMessages';

describe('relay messages between instances', () => {
	it('carry changes and the heads after them unchanged', () => {
		let doc = A.from<{ n: number }>({ n: 0 });
		doc = A.change(doc, (d) => {
			d.n = 1;
		});
		doc = A.change(doc, (d) => {
			d.n = 2;
		});
		const changes = A.getAllChanges(doc);
		const heads = A.getHeads(doc);
		const msg = decodeRelayMessage(encodeRelayMessage({ kind: 'changes', heads, changes }));
		expect(msg).toEqual({ kind: 'changes', heads, changes });
		expect(
			A.getHeads(A.applyChanges(A.init(), (msg as { changes: Uint8Array[] }).changes)[0])
		).toEqual(heads);
	});

	it('tell a heads notice from a question', () => {
		const heads = A.getHeads(A.from({ a: 1 }));
		expect(decodeRelayMessage(encodeRelayMessage({ kind: 'heads', heads, ask: true }))).toEqual({
			kind: 'heads',
			heads,
			ask: true
		});
		expect(decodeRelayMessage(encodeRelayMessage({ kind: 'heads', heads, ask: false }))).toEqual({
			kind: 'heads',
			heads,
			ask: false
		});
	});

	it('refuse bytes that are not a relay message', () => {
		expect(() => decodeRelayMessage(new Uint8Array([9, 0, 0]))).toThrow();
		expect(() => decodeRelayMessage(new Uint8Array([1, 0, 2, 1, 2]))).toThrow();
		expect(() => decodeRelayMessage(new Uint8Array([1, 0, 0, 1, 2, 3]))).toThrow();
	});
});
