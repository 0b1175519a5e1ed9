import { describe, expect, it } from 'vitest';
import { RESOURCE_POLICY } from '../../src/lib/domain/policy';
import { decisionRefusal, resourceItemInput } from '../../src/lib/domain/resources';
import { ROLE_UNIT_KIND } from '../../src/lib/domain/roles';

const ITEM = {
	kind: 'funds',
	title: '老旧小区改造补助',
	description: '',
	department: '区住建委',
	contact: '022-2639-1102'
};

describe('resource rules', () => {
	it('an item needs a known kind, a title, a department and a contact, each within its limit', () => {
		expect(resourceItemInput({ ...ITEM, title: '  补助  ' })).toEqual({
			ok: true,
			value: { ...ITEM, title: '补助' }
		});
		expect(resourceItemInput({ ...ITEM, kind: 'money' })).toEqual({ ok: false, field: 'kind' });
		expect(resourceItemInput({ ...ITEM, title: ' ' })).toEqual({ ok: false, field: 'title' });
		// Sixty Chinese characters fit; sixty-one do not (characters, not UTF-16 units or bytes).
		expect(resourceItemInput({ ...ITEM, title: '补'.repeat(60) }).ok).toBe(true);
		expect(resourceItemInput({ ...ITEM, title: '补'.repeat(61) })).toEqual({
			ok: false,
			field: 'title'
		});
		expect(resourceItemInput({ ...ITEM, contact: 5 })).toEqual({ ok: false, field: 'contact' });
		expect(resourceItemInput({ ...ITEM, description: undefined }).ok).toBe(true);
	});

	it('declining needs a comment; accepting does not', () => {
		expect(decisionRefusal('declined', '')).toBe('comment');
		expect(decisionRefusal('declined', '额度已满')).toBeNull();
		expect(decisionRefusal('accepted', '')).toBeNull();
	});

	it('those who publish and decide hold their role at a district or street', () => {
		for (const role of [...RESOURCE_POLICY.publish, ...RESOURCE_POLICY.decide]) {
			expect(ROLE_UNIT_KIND[role].every((k) => k === 'district' || k === 'street')).toBe(true);
		}
		expect(RESOURCE_POLICY.decide).not.toContain('district_admin');
	});
});
