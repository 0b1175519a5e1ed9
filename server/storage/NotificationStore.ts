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
		| 'demand_reopened'
		// Resource requests: to the department's representatives, and back to the requester.
		| 'resource_requested'
		| 'resource_request_withdrawn'
		| 'resource_decided'
		// Meeting comments (issue 6): to the committees, to the mentioned, to the one replied to.
		| 'comment_new'
		| 'comment_mention'
		| 'comment_reply';
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
