import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import { resolve } from 'node:path';
import { isMessageProviderName, type MessageProviderName } from './messages/MessageProvider';

export interface GongzhiConfig {
	/** Where the SQLite database lives; ':memory:' for tests that need no file. */
	dataDir: string;
	/** `DATABASE_URL=postgres://…`: PostgreSQL instead of SQLite, shared by every instance. */
	databaseUrl?: string | null;
	/** `REDIS_URL=redis://…`: the cluster bus between instances (cluster mode). */
	redisUrl?: string | null;
	/** This process among the instances (`GONGZHI_INSTANCE_ID`, else random per start). */
	instanceId?: string;
	/** Load the demo district when the database is empty. */
	demo: boolean;
	/** The public origin (scheme://host[:port]) when behind a proxy; otherwise taken from Host. */
	origin: string | null;
	/** Documents nobody has open are unloaded this long after the last client leaves. */
	unloadAfterMs: number;
	/** The largest websocket message either sync endpoint accepts. */
	maxPayloadBytes: number;
	/** Stored bytes one document may grow to; a write past it is refused (close 4413). */
	maxDocumentBytes: number;
	/** Open sync sockets one user may hold across both endpoints; the next upgrade gets 429. */
	maxSocketsPerUser: number;
	log: (line: string) => void;
	/** Who sends registration codes by text message (`GONGZHI_SMS_PROVIDER`, default `dev`). */
	smsProvider: MessageProviderName;
	/** Demands one person may file (default DEMAND_FILINGS); tests lower it. */
	demandFilings?: { perMinute: number; burst: number };
	/**
	 * The server's clock for demand deadlines and steps, code expiries and send limits; tests pass
	 * one they control. Default Date.now.
	 */
	now?: () => number;
}

export function configFromEnv(env: NodeJS.ProcessEnv = process.env): GongzhiConfig {
	const smsProvider = env.GONGZHI_SMS_PROVIDER ?? 'dev';
	// Refuse to start rather than run without a way to send codes (or with the wrong one).
	if (!isMessageProviderName(smsProvider))
		throw new Error(
			`GONGZHI_SMS_PROVIDER=${smsProvider} is not a known message provider (known: dev)`
		);
	const databaseUrl = env.DATABASE_URL || null;
	const redisUrl = env.REDIS_URL || null;
	if (databaseUrl && !/^postgres(ql)?:\/\//.test(databaseUrl))
		throw new Error(
			'DATABASE_URL must be a postgres:// URL (unset it to use SQLite under DATA_DIR)'
		);
	if (redisUrl && !/^rediss?:\/\//.test(redisUrl))
		throw new Error('REDIS_URL must be a redis:// URL');
	// Instances on different machines cannot share one embedded database file.
	if (redisUrl && !databaseUrl)
		throw new Error(
			'REDIS_URL (cluster mode) needs DATABASE_URL=postgres://…: instances cannot share one ' +
				'embedded SQLite database on different machines'
		);
	return {
		dataDir: resolve(env.DATA_DIR ?? './data'),
		databaseUrl,
		redisUrl,
		instanceId:
			env.GONGZHI_INSTANCE_ID || `${hostname()}-${process.pid}-${randomBytes(3).toString('hex')}`,
		demo: env.GONGZHI_DEMO !== 'off',
		origin: env.ORIGIN ?? null,
		unloadAfterMs: Number(env.GONGZHI_UNLOAD_MS ?? 10_000),
		maxPayloadBytes: Number(env.GONGZHI_MAX_PAYLOAD ?? 1024 * 1024),
		maxDocumentBytes: Number(env.GONGZHI_MAX_DOCUMENT_BYTES ?? 20 * 1024 * 1024),
		maxSocketsPerUser: Number(env.GONGZHI_MAX_SOCKETS_PER_USER ?? 20),
		log: (line) => console.log(line),
		smsProvider
	};
}
