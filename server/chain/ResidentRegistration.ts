import type { AccessService } from '../access/AccessService';
import { generateToken } from '../auth/tokens';
import type { Resident } from '../storage/ResidentStore';
import type { Stores } from '../storage/Stores';
import type { PhoneVerification } from './PhoneVerification';

/** Where a resident lives: a building of a grid of a community, and a room. */
export interface Place {
	communityId: string;
	gridId: string;
	buildingId: string;
	room: string;
}

export interface Registrant {
	phone: string;
	name: string;
	passwordHash: string;
	place: Place | null;
}

export type CodeOutcome =
	| { outcome: 'created' | 'activated'; userId: string; communityId: string }
	| { outcome: 'exists' | 'codeGone' | 'noPlace' };

/** Ends the transaction without keeping anything, the code included. */
class Abort extends Error {
	constructor(readonly outcome: 'codeGone' | 'noPlace') {
		super(outcome);
	}
}

/**
 * Residents join by themselves: with a code sent to their phone they are confirmed at once;
 * without one they wait, with no role, for their grid leader (or the secretary). Either way a
 * new resident gets the `resident` role in their community and a place in the chain, nothing
 * more. A person the secretary imported (no password yet) uses the same code to set one.
 */
export class ResidentRegistration {
	constructor(
		private readonly stores: Stores,
		private readonly access: AccessService,
		private readonly verification: PhoneVerification,
		private readonly now: () => number
	) {}

	/** True if the building belongs to the grid and the grid to the community. */
	async isPlace(p: { communityId: string; gridId: string; buildingId: string }): Promise<boolean> {
		const [community, grid, building] = await Promise.all([
			this.stores.org.unit(p.communityId),
			this.stores.org.unit(p.gridId),
			this.stores.org.unit(p.buildingId)
		]);
		return (
			community?.kind === 'community' &&
			grid?.kind === 'grid' &&
			grid.parentId === community.id &&
			building?.kind === 'building' &&
			building.parentId === grid.id
		);
	}

	/** Registers (or activates) with a code `check` accepted; the code is used up here. */
	async withCode(r: Registrant, codeId: string): Promise<CodeOutcome> {
		const s = this.stores;
		let result: CodeOutcome;
		try {
			result = await s.transaction(async (): Promise<CodeOutcome> => {
				if (!(await this.verification.consume(codeId))) throw new Abort('codeGone');
				const resident = await s.residents.byPhone(r.phone);
				const user = await s.users.byUsername(r.phone);
				if (resident) {
					// An imported person has no password; a pending one filed without a code. Whoever
					// now proves they hold the number takes the account over, so nobody can block a
					// number by filing it first.
					const imported = resident.status === 'active' && user?.passwordHash === '';
					if (resident.status === 'active' && !imported) return { outcome: 'exists' };
					if (resident.status === 'pending') {
						if (!r.place) throw new Abort('noPlace');
						await s.residents.move(resident.userId, r.place);
						await s.residents.confirm(resident.userId, 'sms');
						await s.users.setDisplayName(resident.userId, r.name);
					}
					await s.users.setPasswordHash(resident.userId, r.passwordHash);
					await s.org.addMembership({
						userId: resident.userId,
						unitId: resident.communityId,
						role: 'resident'
					});
					return {
						outcome: 'activated',
						userId: resident.userId,
						communityId: resident.communityId
					};
				}
				if (user) return { outcome: 'exists' };
				if (!r.place) throw new Abort('noPlace');
				const userId = await this.#create(r, r.place, 'active', 'sms');
				await s.org.addMembership({ userId, unitId: r.place.communityId, role: 'resident' });
				return { outcome: 'created', userId, communityId: r.place.communityId };
			});
		} catch (err) {
			if (err instanceof Abort) return { outcome: err.outcome };
			throw err;
		}
		if ('userId' in result) this.access.changed(result.userId);
		return result;
	}

	/**
	 * Files an account for the grid leader to confirm. A number already known is ignored
	 * silently: the caller answers the same either way.
	 */
	async pending(r: Registrant & { place: Place }): Promise<Resident | null> {
		return this.stores.transaction(async () => {
			if (await this.stores.residents.byPhone(r.phone)) return null;
			if (await this.stores.users.byUsername(r.phone)) return null;
			const userId = await this.#create(r, r.place, 'pending', null);
			return this.stores.residents.get(userId);
		});
	}

	/** Confirms a pending resident of `gridId`: the resident role in their community. */
	async confirm(userId: string, gridId: string, by: string): Promise<Resident | null> {
		const s = this.stores;
		const done = await s.transaction(async () => {
			const resident = await s.residents.get(userId);
			if (!resident || resident.gridId !== gridId || resident.status !== 'pending') return null;
			// A registration turned down (its account disabled) cannot be confirmed afterwards.
			if ((await s.users.byId(userId))?.disabled) return null;
			if (!(await s.residents.confirm(userId, by))) return null;
			await s.org.addMembership({ userId, unitId: resident.communityId, role: 'resident' });
			return resident;
		});
		if (done) this.access.changed(userId);
		return done;
	}

	/**
	 * The grid leader (or secretary) turns a pending registration down: the account, which never
	 * had a role, is disabled so it can neither log in nor be confirmed later by mistake. Null if
	 * there is no such pending resident in the grid (or it was already turned down).
	 */
	async reject(userId: string, gridId: string): Promise<Resident | null> {
		const s = this.stores;
		const done = await s.transaction(async () => {
			const [resident, user] = await Promise.all([s.residents.get(userId), s.users.byId(userId)]);
			if (!resident || resident.gridId !== gridId || resident.status !== 'pending') return null;
			if (!user || user.disabled) return null;
			await s.users.setDisabled(userId, true);
			return resident;
		});
		if (done) this.access.changed(userId);
		return done;
	}

	async #create(
		r: Registrant,
		place: Place,
		status: Resident['status'],
		confirmedBy: string | null
	): Promise<string> {
		const userId = `u-${generateToken(10)}`;
		await this.stores.users.create({
			id: userId,
			username: r.phone,
			displayName: r.name,
			passwordHash: r.passwordHash
		});
		const inserted = await this.stores.residents.insert({
			userId,
			communityId: place.communityId,
			gridId: place.gridId,
			buildingId: place.buildingId,
			room: place.room,
			phone: r.phone,
			status,
			confirmedBy,
			createdAt: this.now()
		});
		if (!inserted) throw new Error('resident already registered');
		return userId;
	}
}
