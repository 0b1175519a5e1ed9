import { describe, expect, it } from 'vitest';
import {
	beijingToEpoch,
	epochToBeijing,
	isMeetingId,
	meetingAgendaLevel,
	MEETING_STATES,
	MOVE_ACTION,
	NEXT_STATE,
	parseCommittees,
	parseParties
} from '../../src/lib/domain/meetings';
import { MEETING_POLICY } from '../../src/lib/domain/policy';

describe('meeting times are Beijing wall-clock times', () => {
	it('reads a date and time as UTC+8 and back', () => {
		const at = beijingToEpoch('2026-12-10', '09:30')!;
		expect(new Date(at).toISOString()).toBe('2026-12-10T01:30:00.000Z');
		expect(epochToBeijing(at)).toEqual({ date: '2026-12-10', time: '09:30' });
		// Just after midnight in Beijing is still the day before in UTC.
		expect(epochToBeijing(Date.UTC(2026, 11, 9, 16, 5))).toEqual({
			date: '2026-12-10',
			time: '00:05'
		});
	});

	it('refuses dates that do not exist instead of rolling them over', () => {
		for (const [d, t] of [
			['2026-02-30', '09:00'],
			['2026-13-01', '09:00'],
			['2026-12-10', '24:00'],
			['2026-12-10', '9:00'],
			['10/12/2026', '09:00']
		])
			expect(beijingToEpoch(d!, t!), `${d} ${t}`).toBeNull();
	});
});

describe('the state machine', () => {
	it('each state has one next state, and every forward move is the secretary’s alone', () => {
		expect(MEETING_STATES.map((s) => NEXT_STATE[s])).toEqual([
			'published',
			'in_session',
			'minuted',
			'correcting',
			'minuted'
		]);
		for (const action of Object.values(MOVE_ACTION))
			expect(MEETING_POLICY[action]).toEqual(['secretary']);
	});

	it('minuted means read-only for everyone, a draft is hidden from residents', () => {
		expect(meetingAgendaLevel('minuted', true, ['secretary'])).toBe('read');
		expect(meetingAgendaLevel('minuted', true, ['owners_committee'])).toBe('read');
		expect(meetingAgendaLevel('in_session', true, ['owners_committee'])).toBe('write');
		expect(meetingAgendaLevel('correcting', false, ['owners_committee'])).toBe('read');
		expect(meetingAgendaLevel('draft', true, ['resident'])).toBe('none');
		expect(meetingAgendaLevel('published', true, ['resident'])).toBe('read');
		expect(meetingAgendaLevel('published', true, ['district_admin'])).toBe('none');
	});
});

describe('form input', () => {
	it('committees come back in the joint office order; anything else is refused', () => {
		expect(parseCommittees(['property_company', 'residents_committee'])).toEqual([
			'residents_committee',
			'property_company'
		]);
		expect(parseCommittees(['secretary'])).toBeNull();
	});

	it('other parties split on lines and Chinese separators, deduplicated, bounded', () => {
		expect(parseParties('派出所\n社工站、派出所，热力公司')).toEqual([
			'派出所',
			'社工站',
			'热力公司'
		]);
		expect(parseParties('')).toEqual([]);
		expect(parseParties(Array.from({ length: 13 }, (_, i) => `单位${i}`).join('\n'))).toBeNull();
	});

	it('meeting ids are the server’s shape only', () => {
		expect(isMeetingId('mt-00000000-0000-4000-8000-00000000c0a1')).toBe(true);
		expect(isMeetingId('mt-../../etc')).toBe(false);
	});
});
