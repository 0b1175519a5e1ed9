import type { AccessService } from '../access/AccessService';
import type { ClusterBus } from '../cluster/ClusterBus';
import type { GongzhiConfig } from '../config';
import type { Stores } from '../storage/Stores';
import type { ConnectionLimit } from './ConnectionLimit';

export interface SyncDeps {
	stores: Stores;
	access: AccessService;
	config: GongzhiConfig;
	/** Told which websocket each admitted socket became, so stale ones can be probed at the cap. */
	socketLimit?: ConnectionLimit;
	/** The other instances (cluster mode); absent or local when this process is alone. */
	bus?: ClusterBus;
}
