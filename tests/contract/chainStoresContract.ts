import { describe, expect, it } from 'vitest';
import type { PhoneCode } from '../../server/storage/PhoneCodeStore';
import type { Resident } from '../../server/storage/ResidentStore';
import type { Stores } from '../../server/storage/Stores';

async function seedChain(s: Stores) {
	await s.org.addUnit({ id: 'd', parentId: null, kind: 'district', name: '区', nameEn: 'D' });
	await s.org.addUnit({ id: 's', parentId: 'd', kind: 'street', name: '街', nameEn: 'S' });
	await s.org.addUnit({ id: 'c', parentId: 's', kind: 'community', name: '社区', nameEn: 'C' });
	await s.org.addUnit({ id: 'g1', parentId: 'c', kind: 'grid', name: '一网格', nameEn: 'G1' });
	await s.org.addUnit({ id: 'g2', parentId: 'c', kind: 'grid', name: '二网格', nameEn: 'G2' });
	await s.org.addUnit({ id: 'b1', parentId: 'g1', kind: 'building', name: '1号楼', nameEn: 'B1' });
	for (const id of ['u1', 'u2', 'u3']) {
		await s.users.create({ id, username: id, displayName: id, passwordHash: 'x' });
	}
}

const resident = (over: Partial<Resident> = {}): Resident => ({
	userId: 'u1',
	communityId: 'c',
	gridId: 'g1',
	buildingId: 'b1',
	room: '101',
	phone: '13800000001',
	status: 'pending',
	confirmedBy: null,
	createdAt: 1000,
	...over
});

const code = (over: Partial<PhoneCode> = {}): PhoneCode => ({
	id: 'pc1',
	phone: '13800000001',
	purpose: 'register',
	codeHash: 'hash',
	attempts: 0,
	createdAt: 1000,
	expiresAt: 2000,
	usedAt: null,
	...over
});

/**
 * The contract of the chain's stores (residents and phone codes), run by every implementation.
 * Rule ids (R…, P…) refer to SPEC.md beside this file.
 */
export function chainStoresContract(name: string, open: () => Promise<Stores>) {
	const withStores = (fn: (s: Stores) => Promise<void>) => async () => {
		const s = await open();
		try {
			await seedChain(s);
			await fn(s);
		} finally {
			await s.close();
		}
	};

	describe(`${name} chain storage contract`, () => {
		it(
			'R1 a phone number and a user are registered once',
			withStores(async (s) => {
				expect(await s.residents.insert(resident())).toBe(true);
				expect(await s.residents.insert(resident({ userId: 'u2' }))).toBe(false);
				expect(await s.residents.insert(resident({ phone: '13800000002' }))).toBe(false);
				expect(await s.residents.insert(resident({ userId: 'u3', phone: null }))).toBe(true);
				expect(await s.residents.insert(resident({ userId: 'u2', phone: null }))).toBe(true);
				expect((await s.residents.byPhone('13800000001'))?.userId).toBe('u1');
				expect(await s.residents.get('u2')).toMatchObject({ phone: null, gridId: 'g1' });
			})
		);

		it(
			'R2 a pending resident is confirmed once, and lists and counts follow the status',
			withStores(async (s) => {
				await s.residents.insert(resident());
				await s.residents.insert(
					resident({ userId: 'u2', phone: '13800000002', status: 'active', confirmedBy: 'sms' })
				);
				expect((await s.residents.inGrid('g1', 'pending')).map((r) => r.userId)).toEqual(['u1']);
				expect(await s.residents.count('c', 'active')).toBe(1);
				const both = await Promise.all([
					s.residents.confirm('u1', 'u3'),
					s.residents.confirm('u1', 'u2')
				]);
				expect(both.filter(Boolean)).toHaveLength(1);
				expect(await s.residents.get('u1')).toMatchObject({ status: 'active', confirmedBy: 'u3' });
				expect(await s.residents.confirm('u1', 'u2')).toBe(false);
				expect(await s.residents.count('c')).toBe(2);
				expect(await s.residents.count('c', 'pending')).toBe(0);
			})
		);

		it(
			'R3 moving a resident changes their grid, building and room',
			withStores(async (s) => {
				await s.residents.insert(resident());
				await s.residents.move('u1', { gridId: 'g2', buildingId: null, room: '' });
				expect(await s.residents.inGrid('g1')).toEqual([]);
				expect(await s.residents.get('u1')).toMatchObject({ gridId: 'g2', buildingId: null });
			})
		);

		it(
			'P1 a code is consumed by one caller only, also when two race',
			withStores(async (s) => {
				await s.phoneCodes.insert(code());
				const both = await Promise.all([
					s.phoneCodes.consume('pc1', 1500),
					s.phoneCodes.consume('pc1', 1500)
				]);
				expect(both.filter(Boolean)).toHaveLength(1);
				expect(await s.phoneCodes.consume('pc1', 1600)).toBe(false);
				expect(await s.phoneCodes.latest('13800000001', 'register', 1600)).toBeNull();
				expect(await s.phoneCodes.consume('nope', 1600)).toBe(false);
			})
		);

		it(
			'P2 an expired code is neither the latest nor consumable',
			withStores(async (s) => {
				await s.phoneCodes.insert(code());
				expect((await s.phoneCodes.latest('13800000001', 'register', 1999))?.id).toBe('pc1');
				expect(await s.phoneCodes.latest('13800000001', 'register', 2000)).toBeNull();
				expect(await s.phoneCodes.consume('pc1', 2000)).toBe(false);
			})
		);

		it(
			'P3 wrong attempts are counted on the code and read back',
			withStores(async (s) => {
				await s.phoneCodes.insert(code());
				expect(await s.phoneCodes.addAttempt('pc1')).toBe(1);
				expect(await s.phoneCodes.addAttempt('pc1')).toBe(2);
				expect((await s.phoneCodes.latest('13800000001', 'register', 1500))?.attempts).toBe(2);
			})
		);

		it(
			'P4 the latest code is the newest for that phone, and sends are counted per phone',
			withStores(async (s) => {
				await s.phoneCodes.insert(code());
				await s.phoneCodes.insert(code({ id: 'pc2', createdAt: 1100 }));
				await s.phoneCodes.insert(code({ id: 'pc3', phone: '13800000002', createdAt: 1200 }));
				expect((await s.phoneCodes.latest('13800000001', 'register', 1500))?.id).toBe('pc2');
				expect(await s.phoneCodes.sentSince('13800000001', 1000)).toBe(2);
				expect(await s.phoneCodes.sentSince('13800000001', 1050)).toBe(1);
				expect(await s.phoneCodes.sentSince('13800000003', 0)).toBe(0);
			})
		);

		it(
			'O2 a unit is renamed in place and keeps its id and parent; units are listed by kind; a display name changes',
			withStores(async (s) => {
				expect(await s.org.renameUnit('b1', '一号楼', 'Block 1')).toBe(true);
				expect(await s.org.unit('b1')).toMatchObject({ name: '一号楼', parentId: 'g1' });
				expect(await s.org.renameUnit('nope', 'x', 'x')).toBe(false);
				expect((await s.org.ofKind('grid')).map((u) => u.id)).toEqual(['g1', 'g2']);
				await s.users.setDisplayName('u1', '张三');
				expect((await s.users.byId('u1'))?.displayName).toBe('张三');
			})
		);
	});
}
