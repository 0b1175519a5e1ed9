import { demoDemandHistory } from '../../server/demo/demoDemands';
import type { Stores } from '../../server/storage/Stores';
import type { Demand, DemandEvent } from '../../src/lib/domain/demands';

/**
 * Big communities and a big district for benches and scale tests, written through the stores in
 * one transaction (thousands of rows in a second or two instead of a commit each).
 */

/** A mobile number no demo user has: 139 followed by eight digits of `n`. */
export const scalePhone = (n: number) => `139${String(n).padStart(8, '0')}`;

export interface ScaleCommunity {
	communityId: string;
	gridIds: string[];
	buildingIds: string[];
	residentIds: string[];
}

/**
 * Adds `grids` grids with `buildingsPerGrid` buildings each to a community and `residents` active
 * residents spread over them, each with an account (no password) and the resident role.
 */
export async function seedBigCommunity(
	stores: Stores,
	opts: {
		communityId: string;
		residents: number;
		grids: number;
		buildingsPerGrid: number;
		/** Where resident numbering starts, so two seeded communities get distinct phones. */
		firstPhone?: number;
	}
): Promise<ScaleCommunity> {
	const { communityId } = opts;
	const out: ScaleCommunity = { communityId, gridIds: [], buildingIds: [], residentIds: [] };
	const buildingGrid = new Map<string, string>();
	await stores.transaction(async () => {
		for (let g = 1; g <= opts.grids; g++) {
			const gridId = `${communityId}-sg${g}`;
			await stores.org.addUnit({
				id: gridId,
				parentId: communityId,
				kind: 'grid',
				name: `规模网格${g}`,
				nameEn: `Scale grid ${g}`
			});
			out.gridIds.push(gridId);
			for (let b = 1; b <= opts.buildingsPerGrid; b++) {
				const id = `${gridId}-b${b}`;
				await stores.org.addUnit({
					id,
					parentId: gridId,
					kind: 'building',
					name: `${g}-${b}号楼`,
					nameEn: `Building ${g}-${b}`
				});
				out.buildingIds.push(id);
				buildingGrid.set(id, gridId);
			}
		}
		const first = opts.firstPhone ?? 0;
		for (let i = 0; i < opts.residents; i++) {
			const userId = `u-s-${communityId}-${i}`;
			const phone = scalePhone(first + i);
			const buildingId = out.buildingIds[i % out.buildingIds.length]!;
			await stores.users.create({
				id: userId,
				username: phone,
				displayName: `居民${first + i}`,
				passwordHash: ''
			});
			await stores.residents.insert({
				userId,
				communityId,
				gridId: buildingGrid.get(buildingId)!,
				buildingId,
				room: `${1 + (i % 6)}单元${100 + (i % 30)}`,
				phone,
				status: 'active',
				confirmedBy: 'import',
				createdAt: Date.now()
			});
			await stores.org.addMembership({ userId, unitId: communityId, role: 'resident' });
			out.residentIds.push(userId);
		}
	});
	return out;
}

/**
 * A district-sized demand history: `communities` new communities (two grids each) under new
 * streets of the demo district, filled with copies of the demo history (same shapes, new ids,
 * each copy's people distinct, so the per-person table grows as it would) until `demands`.
 */
export async function seedDistrictHistory(
	stores: Stores,
	opts: { communities: number; demands: number; end?: number; districtId?: string }
): Promise<{ communityIds: string[]; demands: number; people: number }> {
	const end = opts.end ?? Date.now();
	const history = demoDemandHistory(end);
	const byDemand = new Map<string, DemandEvent[]>();
	for (const e of history.events) {
		const list = byDemand.get(e.demandId) ?? [];
		list.push(e);
		byDemand.set(e.demandId, list);
	}
	const district = opts.districtId ?? 'd-beichen';
	const communityIds: string[] = [];
	const people = new Set<string>();
	let written = 0;
	await stores.transaction(async () => {
		const streets = Math.ceil(opts.communities / 10);
		for (let s = 0; s < streets; s++) {
			await stores.org.addUnit({
				id: `s-scale${s}`,
				parentId: district,
				kind: 'street',
				name: `规模街道${s}`,
				nameEn: `Scale street ${s}`
			});
		}
		for (let c = 0; c < opts.communities; c++) {
			const communityId = `c-scale${c}`;
			communityIds.push(communityId);
			await stores.org.addUnit({
				id: communityId,
				parentId: `s-scale${Math.floor(c / 10)}`,
				kind: 'community',
				name: `规模社区${c}`,
				nameEn: `Scale community ${c}`
			});
			for (const g of [1, 2])
				await stores.org.addUnit({
					id: `${communityId}-g${g}`,
					parentId: communityId,
					kind: 'grid',
					name: `第${g}网格`,
					nameEn: `Grid ${g}`
				});
		}
		const perCommunity = Math.ceil(opts.demands / opts.communities);
		for (let c = 0; c < opts.communities && written < opts.demands; c++) {
			const communityId = communityIds[c]!;
			const person = async (id: string | null) => {
				if (id === null) return null;
				const copy = `${id}-${communityId}`;
				if (!people.has(copy)) {
					people.add(copy);
					await stores.users.create({
						id: copy,
						username: copy,
						displayName: `人员${people.size}`,
						passwordHash: ''
					});
				}
				return copy;
			};
			for (let k = 0; k < perCommunity && written < opts.demands; k++) {
				const src = history.demands[k % history.demands.length]!;
				const round = Math.floor(k / history.demands.length);
				const id = `${src.id}-${communityId}-${round}`;
				const d: Demand = {
					...src,
					id,
					communityId,
					gridId: `${communityId}-g${src.gridId.endsWith('1') ? 1 : 2}`,
					buildingId: null,
					problemId: null,
					residentId: await person(src.residentId),
					enteredBy: await person(src.enteredBy),
					assignee: await person(src.assignee)
				};
				await stores.demands.insert(d);
				for (const e of byDemand.get(src.id) ?? [])
					await stores.demands.addEvent({ ...e, demandId: id, actor: await person(e.actor) });
				written++;
			}
		}
	});
	return { communityIds, demands: written, people: people.size };
}
