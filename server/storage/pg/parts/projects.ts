import type { Stores } from '../../Stores';
import { PgBoardFileStore } from '../PgBoardFileStore';
import type { PgDatabase } from '../PgDatabase';
import { PgEvaluationStore } from '../PgEvaluationStore';
import { PgProjectOverviewStore } from '../PgProjectOverviewStore';
import { PgProjectStore } from '../PgProjectStore';
import { PgResourceStore } from '../PgResourceStore';

export type ProjectStores = Pick<
	Stores,
	'evaluation' | 'projects' | 'resources' | 'projectOverview' | 'boardFiles'
>;

export function projectStores(db: PgDatabase): ProjectStores {
	return {
		evaluation: new PgEvaluationStore(db),
		projects: new PgProjectStore(db),
		resources: new PgResourceStore(db),
		projectOverview: new PgProjectOverviewStore(db),
		boardFiles: new PgBoardFileStore(db)
	};
}
