import { projectOverviewStoreContract } from '../contract/projectOverviewStoreContract';
import { pgStoresForFile } from '../helpers/pgStores';

projectOverviewStoreContract('PostgreSQL', pgStoresForFile().open);
