import type { CalendarOverride } from '../../../src/lib/domain/workdays';
import type { CalendarStore } from '../CalendarStore';
import type { PgDatabase } from './PgDatabase';

export class PgCalendarStore implements CalendarStore {
	constructor(private readonly db: PgDatabase) {}

	async all() {
		return this.db.query<CalendarOverride>(
			'SELECT date, kind, name FROM calendar_days ORDER BY date COLLATE "C"'
		);
	}

	async replaceYears(years: readonly number[], days: readonly CalendarOverride[]) {
		// One transaction: a reader never sees a year half replaced. One statement per day, in
		// order, so a date given twice ends as its last entry (SQLite's INSERT OR REPLACE).
		await this.db.transaction(async () => {
			for (const y of years) {
				await this.db.run('DELETE FROM calendar_days WHERE substr(date, 1, 4) = $1', [String(y)]);
			}
			for (const d of days) {
				await this.db.run(
					`INSERT INTO calendar_days (date, kind, name) VALUES ($1, $2, $3)
					 ON CONFLICT (date) DO UPDATE SET kind = EXCLUDED.kind, name = EXCLUDED.name`,
					[d.date, d.kind, d.name]
				);
			}
		});
	}
}
