import type { Notification, NotificationStore } from '../NotificationStore';
import type { PgDatabase } from './PgDatabase';

interface Row {
	id: number;
	user_id: string;
	at: number;
	kind: Notification['kind'];
	demand_id: string | null;
	detail: string | null;
	read_at: number | null;
}

// detail stays JSON text, as in SQLite: JSONB would reorder the keys it hands back.
const toNotification = (r: Row): Notification => ({
	id: r.id,
	userId: r.user_id,
	at: r.at,
	kind: r.kind,
	demandId: r.demand_id,
	detail: r.detail === null ? null : (JSON.parse(r.detail) as Record<string, unknown>),
	readAt: r.read_at
});

export class PgNotificationStore implements NotificationStore {
	constructor(private readonly db: PgDatabase) {}

	async add(n: Omit<Notification, 'id' | 'readAt'>) {
		await this.db.run(
			'INSERT INTO notifications (user_id, at, kind, demand_id, detail) VALUES ($1, $2, $3, $4, $5)',
			[n.userId, n.at, n.kind, n.demandId, n.detail === null ? null : JSON.stringify(n.detail)]
		);
	}

	async forUser(userId: string, limit: number) {
		const rows = await this.db.query<Row>(
			'SELECT * FROM notifications WHERE user_id = $1 ORDER BY id DESC LIMIT $2',
			[userId, limit]
		);
		return rows.map(toNotification);
	}

	async unread(userId: string) {
		const r = await this.db.one<{ n: number }>(
			'SELECT count(*) AS n FROM notifications WHERE user_id = $1 AND read_at IS NULL',
			[userId]
		);
		return r?.n ?? 0;
	}

	async markRead(userId: string, upTo: number, now: number) {
		await this.db.run(
			'UPDATE notifications SET read_at = $1 WHERE user_id = $2 AND id <= $3 AND read_at IS NULL',
			[now, userId, upTo]
		);
	}
}
