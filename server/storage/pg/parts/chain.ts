import type { Stores } from '../../Stores';
import { PgCalendarStore } from '../PgCalendarStore';
import type { PgDatabase } from '../PgDatabase';
import { PgDemandStore } from '../PgDemandStore';
import { PgFileStore } from '../PgFileStore';
import { PgNotificationStore } from '../PgNotificationStore';
import { PgPhoneCodeStore } from '../PgPhoneCodeStore';
import { PgResidentStore } from '../PgResidentStore';

export type ChainStores = Pick<
	Stores,
	'residents' | 'phoneCodes' | 'demands' | 'calendar' | 'files' | 'notifications'
>;

export function chainStores(db: PgDatabase): ChainStores {
	return {
		residents: new PgResidentStore(db),
		phoneCodes: new PgPhoneCodeStore(db),
		demands: new PgDemandStore(db),
		calendar: new PgCalendarStore(db),
		files: new PgFileStore(db),
		notifications: new PgNotificationStore(db)
	};
}
