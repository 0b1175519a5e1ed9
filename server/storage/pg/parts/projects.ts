import type { Stores } from '../../Stores';
import type { PgDatabase } from '../PgDatabase';
import { notPorted } from './notPorted';

export type ProjectStores = Pick<
	Stores,
	'evaluation' | 'projects' | 'resources' | 'projectOverview' | 'boardFiles'
>;

export function projectStores(db: PgDatabase): ProjectStores {
	void db;
	return {
		evaluation: notPorted('evaluation'),
		projects: notPorted('projects'),
		resources: notPorted('resources'),
		projectOverview: notPorted('projectOverview'),
		boardFiles: notPorted('boardFiles')
	};
}
