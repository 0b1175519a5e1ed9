import { describe, expect, it } from 'vitest';
import { maskMobile, normalizeMobile } from '../../src/lib/domain/phone';

describe('normalizeMobile accepts what people type', () => {
	it.each([
		['13812345678', '13812345678'],
		['138 1234 5678', '13812345678'],
		['138-1234-5678', '13812345678'],
		['１３８１２３４５６７８', '13812345678'], // full-width digits
		['１３８　１２３４　５６７８', '13812345678'], // and a full-width space
		['+86 138 1234 5678', '13812345678'],
		['＋８６１３８１２３４５６７８', '13812345678'],
		['0086-13812345678', '13812345678'],
		['8613812345678', '13812345678'],
		[' 19912345678 ', '19912345678'],
		['138—1234—5678', '13812345678'] // em dashes from a word processor
	])('%s → %s', (input, expected) => {
		expect(normalizeMobile(input)).toBe(expected);
	});
});

describe('normalizeMobile refuses what is not a mainland mobile number', () => {
	it.each([
		['', 'empty'],
		['12812345678', 'second digit below 3'],
		['1381234567', 'ten digits'],
		['138123456789', 'twelve digits'],
		['010-12345678', 'a Beijing landline'],
		['+85291234567', 'a Hong Kong number'],
		['138l2345678', 'a letter l for a one'],
		['13812345678 ext 2', 'an extension'],
		['86138123456', '86 then too few digits'],
		['1'.repeat(1000), 'a long string']
	])('%s (%s)', (input) => {
		expect(normalizeMobile(input)).toBeNull();
	});
});

describe('maskMobile', () => {
	it('keeps the first three and the last four digits', () => {
		expect(maskMobile('13812345678')).toBe('138****5678');
		expect(maskMobile('+86 138 1234 5678')).toBe('138****5678');
	});

	it('masks a malformed value whole', () => {
		expect(maskMobile('12345')).toBe('*****');
		expect(maskMobile('not a phone number')).toBe('***********');
	});
});
