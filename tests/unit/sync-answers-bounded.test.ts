import * as A from '@automerge/automerge';
import { describe, expect, it } from 'vitest';
import { SyncAnswers } from '../../server/automerge/SyncAnswers';

const answer = (): [A.SyncState, Uint8Array | null] => [A.initSyncState(), null];
const stateWith = (n: number) =>
	({ ...A.initSyncState(), sharedHeads: [String(n)] }) as A.SyncState;

describe('the answers cache of a board room', () => {
	it('answers an equal state from memory, and works out a different one', () => {
		const answers = new SyncAnswers();
		let made = 0;
		const make = () => (made++, answer());
		const first = answers.for(stateWith(1), make);
		expect(answers.for(stateWith(1), make)).toBe(first);
		answers.for(stateWith(2), make);
		expect(made).toBe(2);
		answers.clear();
		answers.for(stateWith(1), make);
		expect(made).toBe(3);
	});

	it('keeps at most 256 states and never a big message', () => {
		const answers = new SyncAnswers();
		let made = 0;
		const make = () => (made++, answer());
		for (let n = 0; n < 256; n++) answers.for(stateWith(n), make);
		answers.for(stateWith(0), make);
		expect(made).toBe(256);
		// The 257th empties it rather than growing past the bound.
		answers.for(stateWith(256), make);
		answers.for(stateWith(0), make);
		expect(made).toBe(258);

		let read = 0;
		const big = new Uint8Array(20_000);
		for (let i = 0; i < 3; i++)
			answers.received(stateWith(1), big, () => (read++, A.initSyncState()));
		expect(read).toBe(3);
		const small = new Uint8Array(70);
		for (let i = 0; i < 3; i++)
			answers.received(stateWith(1), small, () => (read++, A.initSyncState()));
		expect(read).toBe(4);
	});
});
