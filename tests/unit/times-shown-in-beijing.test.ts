import { describe, expect, it } from 'vitest';
import { formatDateTime } from '../../src/lib/i18n';

describe('times are shown in Beijing time whatever the machine zone', () => {
	it('02:00 UTC reads as 10:00 on the same day', () => {
		const at = Date.parse('2026-11-02T02:00:00Z');
		expect(formatDateTime('en', at)).toContain('10:00');
		expect(formatDateTime('zh-CN', at)).toContain('10:00');
	});

	it('a late evening in UTC is already the next day in Beijing', () => {
		const at = Date.parse('2026-09-30T17:30:00Z');
		expect(formatDateTime('en', at)).toContain('Oct 1');
	});
});
