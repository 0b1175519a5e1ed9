import { describe, expect, it } from 'vitest';
import { echo } from '../../src/lib/formEcho';

describe('form fields echo only after a failed attempt', () => {
	it('gives no value attribute on a first visit, so hydration leaves typed text alone', () => {
		expect(echo(null, 'username')).toEqual({});
		expect(echo(undefined, 'username')).toEqual({});
		expect(echo({ error: 'failed' }, 'username')).toEqual({});
	});

	it('puts back what was sent after a failure, and only strings', () => {
		expect(echo({ error: 'failed', username: '王建华' }, 'username')).toEqual({ value: '王建华' });
		expect(echo({ username: 42 }, 'username')).toEqual({});
	});
});
