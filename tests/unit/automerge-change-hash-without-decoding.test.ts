import * as A from '@automerge/automerge';
import { describe, expect, it } from 'vitest';
import { changeHash } from '../../server/automerge/incomingChanges';

/** The server names incoming changes by hash without decoding them (incomingChanges.ts). */
describe('a change hash taken without decoding the change', () => {
	let doc = A.from<{ notes: string; items: number[] }>({ notes: '', items: [] });
	for (let n = 0; n < 50; n++)
		doc = A.change(doc, (d) => {
			A.splice(d, ['notes'], 0, 0, `第${n}条；`);
			d.items.push(n);
		});
	// A large change too: Automerge may store those compressed.
	doc = A.change(doc, (d) => {
		A.splice(d, ['notes'], 0, 0, '很长的说明'.repeat(2000));
	});
	const changes = A.getAllChanges(doc);

	it('equals the hash Automerge decodes, for every change', () => {
		for (const bytes of changes) expect(changeHash(bytes)).toBe(A.decodeChange(bytes).hash);
	});

	it('refuses a change whose bytes were altered after its checksum', () => {
		const damaged = new Uint8Array(changes[3] as Uint8Array);
		damaged[damaged.length - 1] = (damaged[damaged.length - 1] as number) ^ 0xff;
		expect(() => changeHash(damaged)).toThrow();
	});
});
