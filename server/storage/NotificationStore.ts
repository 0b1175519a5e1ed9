/** In-app notifications, e.g. to the next level when a demand escalates. */
export interface Notification {
	id: number;
	userId: string;
	at: number;
	kind:
		| 'demand_escalated'
		| 'demand_dispatched'
		| 'demand_offered'
		| 'demand_resolved'
		| 'demand_reopened';
	demandId: string | null;
	detail: Record<string, unknown> | null;
	readAt: number | null;
}

export interface NotificationStore {
	add(n: Omit<Notification, 'id' | 'readAt'>): Promise<void>;
	/** Newest first. */
	forUser(userId: string, limit: number): Promise<Notification[]>;
	unread(userId: string): Promise<number>;
	markRead(userId: string, upTo: number, now: number): Promise<void>;
}
