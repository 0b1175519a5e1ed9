import type { Notification, NotificationStore } from '../NotificationStore';
import type { SqliteDatabase } from './SqliteDatabase';

interface Row {
	id: number;
	user_id: string;
	at: number;
	kind: Notification['kind'];
	demand_id: string | null;
	detail: string | null;
	read_at: number | null;
}

const toNotification = (r: Row): Notification => ({
	id: r.id,
	userId: r.user_id,
	at: r.at,
	kind: r.kind,
	demandId: r.demand_id,
	detail: r.detail === null ? null : (JSON.parse(r.detail) as Record<string, unknown>),
	readAt: r.read_at
});

export class SqliteNotificationStore implements NotificationStore {
	constructor(private readonly sql: SqliteDatabase) {}

	async add(n: Omit<Notification, 'id' | 'readAt'>) {
		await this.sql.write(() =>
			this.sql.db
				.prepare(
					'INSERT INTO notifications (user_id, at, kind, demand_id, detail) VALUES (?, ?, ?, ?, ?)'
				)
				.run(
					n.userId,
					n.at,
					n.kind,
					n.demandId,
					n.detail === null ? null : JSON.stringify(n.detail)
				)
		);
	}

	async forUser(userId: string, limit: number) {
		return (
			this.sql.db
				.prepare('SELECT * FROM notifications WHERE user_id = ? ORDER BY id DESC LIMIT ?')
				.all(userId, limit) as Row[]
		).map(toNotification);
	}

	async unread(userId: string) {
		const r = this.sql.db
			.prepare('SELECT count(*) AS n FROM notifications WHERE user_id = ? AND read_at IS NULL')
			.get(userId) as { n: number };
		return r.n;
	}

	async markRead(userId: string, upTo: number, now: number) {
		await this.sql.write(() =>
			this.sql.db
				.prepare(
					'UPDATE notifications SET read_at = ? WHERE user_id = ? AND id <= ? AND read_at IS NULL'
				)
				.run(now, userId, upTo)
		);
	}
}
