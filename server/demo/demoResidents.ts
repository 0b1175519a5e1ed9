import type { Resident } from '../storage/ResidentStore';
import type { Stores } from '../storage/Stores';

/**
 * Where the demo's residents live, so their demands land in a grid: the demo `resident` in
 * c-a's building 1, the `outsider` in c-b's, and a few more per grid (usernames are their
 * numbers, password the demo's). One of c-a's grid 1 is still waiting for the grid leader.
 */
export interface DemoResident {
	userId: string;
	/** Null for the named demo accounts, which already exist; else created with this name. */
	displayName: string | null;
	communityId: string;
	gridId: string;
	buildingId: string;
	room: string;
	phone: string;
	status: Resident['status'];
}

const more = (communityId: string, g: number, names: string[], first: number): DemoResident[] =>
	names.map((displayName, i) => {
		const n = (g - 1) * 3 + 1 + (i % 3);
		const phone = `158${communityId === 'c-a' ? '1' : '2'}${g}00000${first + i}`.slice(0, 11);
		return {
			userId: `u-res-${communityId}-g${g}-${i + 1}`,
			displayName,
			communityId,
			gridId: `${communityId}-g${g}`,
			buildingId: `${communityId}-g${g}-b${n}`,
			room: `${i + 1}-${(i + 1) * 100 + 1}`,
			phone,
			status: 'active'
		};
	});

export const DEMO_RESIDENTS: DemoResident[] = [
	{
		userId: 'u-resident',
		displayName: null,
		communityId: 'c-a',
		gridId: 'c-a-g1',
		buildingId: 'c-a-g1-b1',
		room: '1-101',
		phone: '15800000001',
		status: 'active'
	},
	{
		userId: 'u-outsider',
		displayName: null,
		communityId: 'c-b',
		gridId: 'c-b-g1',
		buildingId: 'c-b-g1-b1',
		room: '2-201',
		phone: '15800000002',
		status: 'active'
	},
	...more('c-a', 1, ['赵桂兰', '钱国强', '孙丽华'], 1),
	...more('c-a', 2, ['李秀英', '周志明', '吴海燕'], 1),
	...more('c-b', 1, ['郑建军', '王淑芬'], 1),
	...more('c-b', 2, ['冯玉梅', '陈立新'], 1),
	{
		userId: 'u-res-c-a-pending',
		displayName: '褚新来',
		communityId: 'c-a',
		gridId: 'c-a-g1',
		buildingId: 'c-a-g1-b2',
		room: '3-302',
		phone: '15810099999',
		status: 'pending'
	}
];

/** Adds the demo residents (inside the seed's transaction). */
export async function seedDemoResidents(stores: Stores, passwordHash: string, now: number) {
	for (const r of DEMO_RESIDENTS) {
		if (r.displayName !== null) {
			await stores.users.create({
				id: r.userId,
				username: r.phone,
				displayName: r.displayName,
				passwordHash
			});
			if (r.status === 'active')
				await stores.org.addMembership({
					userId: r.userId,
					unitId: r.communityId,
					role: 'resident'
				});
		}
		await stores.residents.insert({
			userId: r.userId,
			communityId: r.communityId,
			gridId: r.gridId,
			buildingId: r.buildingId,
			room: r.room,
			phone: r.phone,
			status: r.status,
			confirmedBy: r.status === 'active' ? 'import' : null,
			createdAt: now
		});
	}
}
