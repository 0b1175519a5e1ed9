import { describe, expect, it } from 'vitest';
import holidays from '../../server/calendar/cn-holidays.json';
import { parseOverrides, WorkCalendar } from '../../src/lib/domain/workdays';

const calendar = new WorkCalendar(parseOverrides(holidays));
/** An instant written in Beijing time, e.g. bj('2026-02-13 15:00'). */
const bj = (s: string): number => Date.parse(s.replace(' ', 'T') + ':00+08:00');
const at = (ms: number): string =>
	new Date(ms + 8 * 3_600_000).toISOString().slice(0, 16).replace('T', ' ');

describe('the official calendar data', () => {
	it('every 2025 and 2026 make-up workday is a weekend day and counts as a workday', () => {
		const workdays = parseOverrides(holidays).filter((o) => o.kind === 'workday');
		expect(workdays.map((o) => o.date)).toEqual([
			'2025-01-26',
			'2025-02-08',
			'2025-04-27',
			'2025-09-28',
			'2025-10-11',
			'2026-01-04',
			'2026-02-14',
			'2026-02-28',
			'2026-05-09',
			'2026-09-20',
			'2026-10-10'
		]);
		for (const o of workdays) {
			expect([0, 6]).toContain(new Date(o.date + 'T00:00:00Z').getUTCDay());
			expect(calendar.isWorkday(o.date)).toBe(true);
		}
	});

	it('holiday periods are off, weekday or not', () => {
		const off = [
			'2025-01-01',
			'2025-02-04',
			'2025-10-08',
			'2026-01-02',
			'2026-02-16',
			'2026-02-23',
			'2026-04-06',
			'2026-05-05',
			'2026-06-19',
			'2026-09-25',
			'2026-10-07'
		];
		for (const d of off) expect(calendar.isWorkday(d), d).toBe(false);
		// Ordinary days around them keep the Monday–Friday rule.
		expect(calendar.isWorkday('2026-02-24')).toBe(true);
		expect(calendar.isWorkday('2026-03-07')).toBe(false);
		expect(calendar.isWorkday('2026-10-08')).toBe(true);
	});

	it('covers 2025 and 2026; a year without data is weekends-only', () => {
		expect(calendar.coveredYears()).toEqual([2025, 2026]);
		expect(calendar.isWorkday('2027-10-01')).toBe(true); // a Friday, no data yet
		expect(calendar.isWorkday('2027-10-02')).toBe(false);
	});
});

describe('dateOf uses Beijing time', () => {
	it('23:59 UTC on 31 Dec is already New Year in Beijing', () => {
		expect(WorkCalendar.dateOf(Date.parse('2025-12-31T16:00:00Z'))).toBe('2026-01-01');
		expect(WorkCalendar.dateOf(Date.parse('2025-12-31T15:59:59Z'))).toBe('2025-12-31');
	});
});

describe('deadline: filed on a working day keeps its time of day', () => {
	it('Friday 15:00 + 1 working day is Monday 15:00 (weekend skipped)', () => {
		expect(at(calendar.addWorkdays(bj('2026-03-13 15:00'), 1))).toBe('2026-03-16 15:00');
		expect(at(calendar.addWorkdays(bj('2026-03-13 15:00'), 3))).toBe('2026-03-18 15:00');
	});

	it('Spring Festival: Friday 13 Feb + 1 is the make-up Saturday 14th, + 2 is Tuesday 24th', () => {
		expect(at(calendar.addWorkdays(bj('2026-02-13 10:30'), 1))).toBe('2026-02-14 10:30');
		expect(at(calendar.addWorkdays(bj('2026-02-13 10:30'), 2))).toBe('2026-02-24 10:30');
	});

	it('the make-up Saturday 28 Feb counts: Thursday 26th + 2 is the Saturday', () => {
		expect(at(calendar.addWorkdays(bj('2026-02-26 09:00'), 2))).toBe('2026-02-28 09:00');
		expect(at(calendar.addWorkdays(bj('2026-02-26 09:00'), 3))).toBe('2026-03-02 09:00');
	});

	it('National Day: Friday 18 Sep + 1 is the make-up Sunday 20th; 30 Sep + 1 is Thursday 8 Oct', () => {
		expect(at(calendar.addWorkdays(bj('2026-09-18 16:00'), 1))).toBe('2026-09-20 16:00');
		expect(at(calendar.addWorkdays(bj('2026-09-30 16:00'), 1))).toBe('2026-10-08 16:00');
		expect(at(calendar.addWorkdays(bj('2026-09-30 16:00'), 3))).toBe('2026-10-10 16:00');
	});

	it('Mid-Autumn (25–27 Sep) and the make-up Sunday 20 Sep together', () => {
		// Thu 24 → (Fri–Sun off) Mon 28, Tue 29, Wed 30, (1–7 Oct off) Thu 8.
		expect(at(calendar.addWorkdays(bj('2026-09-24 08:00'), 4))).toBe('2026-10-08 08:00');
	});

	it('Labour Day: Thursday 30 Apr + 1 is Wednesday 6 May; + 3 is the make-up Saturday 9 May', () => {
		expect(at(calendar.addWorkdays(bj('2026-04-30 11:00'), 1))).toBe('2026-05-06 11:00');
		expect(at(calendar.addWorkdays(bj('2026-04-30 11:00'), 4))).toBe('2026-05-09 11:00');
	});

	it('New Year: Wednesday 31 Dec 2025 + 1 is the make-up Sunday 4 Jan 2026', () => {
		expect(at(calendar.addWorkdays(bj('2025-12-31 17:00'), 1))).toBe('2026-01-04 17:00');
		expect(at(calendar.addWorkdays(bj('2025-12-31 17:00'), 2))).toBe('2026-01-05 17:00');
	});

	it('Qingming (Sat 4 – Mon 6 Apr) and Dragon Boat (Fri 19 – Sun 21 Jun)', () => {
		expect(at(calendar.addWorkdays(bj('2026-04-03 12:00'), 1))).toBe('2026-04-07 12:00');
		expect(at(calendar.addWorkdays(bj('2026-06-18 12:00'), 1))).toBe('2026-06-22 12:00');
	});

	it('0 days is the filing instant itself', () => {
		expect(calendar.addWorkdays(bj('2026-03-13 15:00'), 0)).toBe(bj('2026-03-13 15:00'));
	});
});

describe('deadline: filed on a non-working day starts at 00:00 of the next working day', () => {
	it('Saturday + 1 working day ends at 24:00 Monday', () => {
		expect(at(calendar.addWorkdays(bj('2026-03-14 20:00'), 1))).toBe('2026-03-17 00:00');
		expect(at(calendar.addWorkdays(bj('2026-03-15 00:00'), 2))).toBe('2026-03-18 00:00');
	});

	it('filed on the first day of Spring Festival: the clock starts Tuesday 24 Feb', () => {
		expect(at(calendar.addWorkdays(bj('2026-02-16 09:00'), 1))).toBe('2026-02-25 00:00');
		// 24, 25, 26, 27, then the make-up Saturday 28th.
		expect(at(calendar.addWorkdays(bj('2026-02-16 09:00'), 5))).toBe('2026-03-01 00:00');
	});

	it('filed during National Day: 24:00 of Saturday 10 Oct after three working days', () => {
		expect(at(calendar.addWorkdays(bj('2026-10-03 09:00'), 3))).toBe('2026-10-11 00:00');
	});

	it('0 days on a holiday is when the clock starts', () => {
		expect(at(calendar.addWorkdays(bj('2026-05-02 09:00'), 0))).toBe('2026-05-06 00:00');
	});

	it('refuses a negative or fractional number of days', () => {
		expect(() => calendar.addWorkdays(bj('2026-03-13 15:00'), -1)).toThrow(RangeError);
		expect(() => calendar.addWorkdays(bj('2026-03-13 15:00'), 1.5)).toThrow(RangeError);
	});
});

describe('workdaysBetween measures the same clock', () => {
	it('a deadline is always exactly `days` working days after filing', () => {
		const starts = [
			'2026-02-13 10:30',
			'2026-02-16 09:00',
			'2026-09-30 16:00',
			'2026-10-03 09:00',
			'2025-12-31 17:00',
			'2026-03-14 20:00'
		];
		for (const s of starts) {
			for (const days of [1, 2, 5, 10]) {
				const deadline = calendar.addWorkdays(bj(s), days);
				expect(calendar.workdaysBetween(bj(s), deadline), `${s} + ${days}`).toBeCloseTo(days, 9);
			}
		}
	});

	it('counts only working hours: Friday 18:00 to Monday 06:00 is half a day', () => {
		expect(calendar.workdaysBetween(bj('2026-03-13 18:00'), bj('2026-03-16 06:00'))).toBe(0.5);
		expect(calendar.workdaysBetween(bj('2026-02-15 00:00'), bj('2026-02-24 00:00'))).toBe(0);
		expect(calendar.workdaysBetween(bj('2026-03-16 06:00'), bj('2026-03-13 18:00'))).toBe(-0.5);
	});
});

describe('parseOverrides gives an operator clear errors', () => {
	it('accepts a plain list', () => {
		expect(parseOverrides([{ date: '2027-01-01', kind: 'holiday', name: ' 元旦 ' }])).toEqual([
			{ date: '2027-01-01', kind: 'holiday', name: '元旦' }
		]);
	});

	it.each([
		['not a list', { foo: 1 }, /list/],
		['a bad date', [{ date: '2027-02-30', kind: 'holiday', name: 'x' }], /Entry 1.*YYYY-MM-DD/],
		['a bad kind', [{ date: '2027-01-01', kind: 'off', name: 'x' }], /kind must be/],
		['no name', [{ date: '2027-01-01', kind: 'holiday', name: '' }], /name/],
		[
			'a make-up workday on a weekday',
			[{ date: '2027-01-04', kind: 'workday', name: 'x' }],
			/2027-01-04 is a Monday/
		],
		[
			'the same date twice',
			[
				{ date: '2027-01-01', kind: 'holiday', name: 'x' },
				{ date: '2027-01-01', kind: 'holiday', name: 'y' }
			],
			/Entry 2.*already entry 1/
		]
	])('refuses %s', (_label, input, message) => {
		expect(() => parseOverrides(input)).toThrow(message);
	});
});
