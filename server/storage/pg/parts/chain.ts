import type { Stores } from '../../Stores';
import type { PgDatabase } from '../PgDatabase';
import { notPorted } from './notPorted';

export type ChainStores = Pick<
	Stores,
	'residents' | 'phoneCodes' | 'demands' | 'calendar' | 'files' | 'notifications'
>;

export function chainStores(db: PgDatabase): ChainStores {
	void db;
	return {
		residents: notPorted('residents'),
		phoneCodes: notPorted('phoneCodes'),
		demands: notPorted('demands'),
		calendar: notPorted('calendar'),
		files: notPorted('files'),
		notifications: notPorted('notifications')
	};
}
