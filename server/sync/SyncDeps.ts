import type { AccessService } from '../access/AccessService';
import type { GongzhiConfig } from '../config';
import type { Stores } from '../storage/Stores';

export interface SyncDeps {
	stores: Stores;
	access: AccessService;
	config: GongzhiConfig;
}
