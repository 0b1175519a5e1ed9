import type { CalendarOverride } from '../../../src/lib/domain/workdays';
import type { CalendarStore } from '../CalendarStore';
import type { SqliteDatabase } from './SqliteDatabase';

export class SqliteCalendarStore implements CalendarStore {
	constructor(private readonly sql: SqliteDatabase) {}

	async all() {
		return this.sql.db
			.prepare('SELECT date, kind, name FROM calendar_days ORDER BY date')
			.all() as CalendarOverride[];
	}

	async replaceYears(years: readonly number[], days: readonly CalendarOverride[]) {
		// One statement batch under one transaction: a reader never sees a year half replaced.
		await this.sql.write(() =>
			this.sql.db.transaction(() => {
				const remove = this.sql.db.prepare(
					'DELETE FROM calendar_days WHERE substr(date, 1, 4) = ?'
				);
				for (const y of years) remove.run(String(y));
				const add = this.sql.db.prepare(
					'INSERT OR REPLACE INTO calendar_days (date, kind, name) VALUES (?, ?, ?)'
				);
				for (const d of days) add.run(d.date, d.kind, d.name);
			})()
		);
	}
}
