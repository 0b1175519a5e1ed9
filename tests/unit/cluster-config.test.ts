import { expect, test } from 'vitest';
import { configFromEnv } from '../../server/config';

test('REDIS_URL without DATABASE_URL is refused: instances cannot share one SQLite file', () => {
	expect(() => configFromEnv({ REDIS_URL: 'redis://127.0.0.1:6379' })).toThrow(/DATABASE_URL/);
});

test('DATABASE_URL must be a postgres:// URL', () => {
	expect(() => configFromEnv({ DATABASE_URL: 'mysql://db/gongzhi' })).toThrow(/postgres/);
});

test('cluster mode takes both URLs and the instance id; the default is SQLite alone', () => {
	const cluster = configFromEnv({
		DATABASE_URL: 'postgres://gongzhi@db/gongzhi',
		REDIS_URL: 'redis://redis:6379',
		GONGZHI_INSTANCE_ID: 'gz-7'
	});
	expect(cluster).toMatchObject({
		databaseUrl: 'postgres://gongzhi@db/gongzhi',
		redisUrl: 'redis://redis:6379',
		instanceId: 'gz-7'
	});
	const alone = configFromEnv({});
	expect(alone.databaseUrl).toBeNull();
	expect(alone.redisUrl).toBeNull();
	// Random per start, so two processes never take each other's messages for their own echo.
	expect(configFromEnv({}).instanceId).not.toBe(alone.instanceId);
});
