import { describe, expect, it } from 'vitest';
import { passwordProblem, safeRedirectPath } from '../../src/lib/domain/accounts';

describe('safeRedirectPath', () => {
	it('keeps paths on this site, with query and fragment', () => {
		expect(safeRedirectPath('/account')).toBe('/account');
		expect(safeRedirectPath('/agenda/x?y=1#z')).toBe('/agenda/x?y=1#z');
	});

	it('sends anything that leaves the site, or is not a path, home', () => {
		for (const bad of [
			'//evil.example',
			'/\\evil.example',
			'/\t/evil.example',
			'https://evil.example/',
			'javascript:alert(1)',
			'account',
			'',
			null,
			42,
			'/' + 'a'.repeat(600)
		])
			expect(safeRedirectPath(bad)).toBe('/');
	});
});

describe('passwordProblem', () => {
	it('counts characters as people do, so eight Chinese characters are enough', () => {
		expect(passwordProblem('共治共治共治共治')).toBeNull();
		expect(passwordProblem('共治共治共治共')).toBe('tooShort');
		expect(passwordProblem('x'.repeat(257))).toBe('tooLong');
	});
});
