/**
 * Where residents live in the chain (community → grid → building, and room), and how their
 * account was confirmed. A resident's role itself is a membership (`OrgStore`); this is the
 * address that decides which grid their demands land in.
 */
export interface Resident {
	userId: string;
	communityId: string;
	gridId: string;
	buildingId: string | null;
	room: string;
	/** Normalised mainland mobile number (11 digits), unique; null for an import without one. */
	phone: string | null;
	/** `pending` until a phone code or the grid leader confirms them. */
	status: 'pending' | 'active';
	/** 'sms', 'import', or the id of the grid leader or secretary who confirmed. */
	confirmedBy: string | null;
	createdAt: number;
}

export interface ResidentStore {
	/** False when the user or the phone number is already registered. */
	insert(r: Resident): Promise<boolean>;
	get(userId: string): Promise<Resident | null>;
	byPhone(phone: string): Promise<Resident | null>;
	/** Confirms a pending resident; false if there was none pending. */
	confirm(userId: string, confirmedBy: string): Promise<boolean>;
	move(
		userId: string,
		place: { gridId: string; buildingId: string | null; room: string }
	): Promise<void>;
	inGrid(gridId: string, status?: Resident['status']): Promise<Resident[]>;
	count(communityId: string, status?: Resident['status']): Promise<number>;
}
