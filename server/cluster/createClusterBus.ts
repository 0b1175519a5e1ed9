import { randomUUID } from 'node:crypto';
import type { GongzhiConfig } from '../config';
import { createLocalClusterBus, type ClusterBus } from './ClusterBus';
import { RedisClusterBus } from './RedisClusterBus';

/** Redis when `REDIS_URL` is set (cluster mode), else the one-process bus that tells nobody. */
export function createClusterBus(config: GongzhiConfig): ClusterBus {
	const instanceId = config.instanceId ?? randomUUID();
	if (!config.redisUrl) return createLocalClusterBus(instanceId);
	return new RedisClusterBus(config.redisUrl, instanceId, config.log);
}
