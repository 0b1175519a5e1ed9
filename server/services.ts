import { AccessService } from './access/AccessService';
import { createAuthHelpers, type AuthHelpers } from './auth/AuthHelpers';
import { LoginThrottle } from './auth/LoginThrottle';
import { SessionService } from './auth/sessions';
import type { GongzhiConfig } from './config';
import { DemandService } from './demands/DemandService';
import { startEscalationTimer } from './demands/startEscalationTimer';
import { EvaluationService } from './evaluation/EvaluationService';
import { startSurveyTimer } from './evaluation/startSurveyTimer';
import type { Stores } from './storage/Stores';
import { openSqliteStores } from './storage/sqlite';
import { EventLoopMonitor } from './http/EventLoopMonitor';
import { ChainImport } from './chain/ChainImport';
import { PhoneVerification } from './chain/PhoneVerification';
import { ResidentRegistration } from './chain/ResidentRegistration';
import { createMessageProvider } from './messages/createMessageProvider';
import { chainZh } from '../src/lib/i18n/zh-CN/chain';
import type { MessageProvider } from './messages/MessageProvider';
import { ConnectionLimit } from './sync/ConnectionLimit';
import type { SyncEndpoint } from './sync/SyncEndpoint';
import { createYjsSync } from './yjs/createYjsSync';
import { createAutomergeSync, type AutomergeSync } from './automerge/createAutomergeSync';
import { createMetricsHelpers, type MetricsHelpers } from './metrics/MetricsHelpers';
import { SheetWorker } from './files/sheets/SheetWorker';
import { ProjectService } from './projects/ProjectService';
import { BoardHistory } from './history/BoardHistory';
import { ResourceService } from './resources/ResourceService';
import { boardEditContext, type BoardEditContext } from './boards/BoardEditContext';
import { BoardFiles } from './boards/BoardFiles';
import { ActionLists } from './meetings/ActionLists';
import { agendaChoices, type AgendaChoices } from './meetings/agendaChoices';
import { DecisionTasks } from './meetings/DecisionTasks';
import { MeetingService } from './meetings/MeetingService';
import { AgendaVersions } from './meetings/AgendaVersions';
import { MeetingMinutes } from './meetings/minutes/MeetingMinutes';
import { PublicProjects } from './projects/PublicProjects';
import { createClusterCommentBus } from './comments/CommentBus';
import { PerUserLimit } from './access/PerUserLimit';
import { COMMENT_WRITES } from '../src/lib/domain/comments';
import { DEMAND_FILINGS } from '../src/lib/domain/demands';
import type { ClusterBus } from './cluster/ClusterBus';
import { createClusterBus } from './cluster/createClusterBus';
import { relayClusterEvents } from './cluster/relayClusterEvents';
import { CommentService } from './comments/CommentService';
import { CommentStreams } from './comments/CommentStreams';

/**
 * The shared services, created once per server and handed to SvelteKit through
 * `installServices`, so pages, APIs and sockets see one set of sessions and roles: a logout or
 * removed role takes effect everywhere at once.
 */
export interface Services {
	config: GongzhiConfig;
	stores: Stores;
	/**
	 * The other instances sharing the database (cluster mode, `REDIS_URL`); a bus that tells
	 * nobody when this process is alone. Sync endpoints get it through SyncDeps.
	 */
	bus: ClusterBus;
	sessions: SessionService;
	throttle: LoginThrottle;
	/** Password hashing and tokens for the app's auth pages (src/ cannot import server/). */
	auth: AuthHelpers;
	access: AccessService;
	/** Calendar, CSV/Excel and board creation for dashboards and the problem list. */
	metrics: MetricsHelpers;
	yjs: SyncEndpoint;
	automerge: AutomergeSync;
	/** Resident demands: filing, dispatch, resolution, escalation (swept every minute). */
	demands: DemandService;
	/** Filings per person through the API (config.demandFilings, else DEMAND_FILINGS). */
	demandFilings: PerUserLimit;
	/** Evaluation of project boards: report, acceptance, surveys (closed on time), rectification. */
	evaluation: EvaluationService;
	/** Secretary projects: boards with a stage, published pledges and gates (issue 5). */
	projects: ProjectService;
	/** A board's timeline, past states and the record of accepted changes (issue 5). */
	history: BoardHistory;
	/** The helper group's resource list and projects' requests for its items (issue 5). */
	resources: ResourceService;
	/** The board page's editing: progress photos (upload, attach, read) and its server context. */
	boards: {
		files: BoardFiles;
		editContext(userId: string, boardId: string): Promise<BoardEditContext | null>;
	};
	/** Joint meetings: state, agenda revisions, committee signatures (issue 6). */
	meetings: MeetingService;
	/** Each community's action list board (tasks of no project). */
	actionLists: ActionLists;
	/** Agenda items: the editor's pickers (links, owners) for one viewer (issue 6). */
	agendaItems: {
		choices(userId: string, agendaId: string): Promise<AgendaChoices | null>;
	};
	/** A meeting's minutes as PDF or Word, from the server's copy of the agenda (issue 6). */
	minutes: MeetingMinutes;
	/** Named versions of agendas: save, list, compare, restore (issue 6). */
	agendaVersions: AgendaVersions;
	/** Comments on meeting agendas, and their live streams (issue 6). */
	comments: { service: CommentService; streams: CommentStreams };
	/** The public pledge pages and sheets: published projects, for anyone (no session). */
	publicProjects: PublicProjects;
	/** Open sync sockets per user, across both endpoints. */
	socketLimit: ConnectionLimit;
	/** How long the event loop has been blocked, for `/healthz`. */
	eventLoop: EventLoopMonitor;
	startedAt: number;
	/** Sends registration codes (config.smsProvider unless the caller passed its own). */
	messages: MessageProvider;
	/** The server's clock (config.now, else Date.now). */
	now: () => number;
	/** Registration codes sent by text message (send, check, use once). */
	phoneVerification: PhoneVerification;
	/** Residents joining the chain: with a code, pending a grid leader, or activating an import. */
	registration: ResidentRegistration;
	/** The secretary's spreadsheet import of grids, buildings and residents. */
	chainImport: ChainImport;
	close(): Promise<void>;
}

/**
 * Creates the services on `stores`: the caller opens them with `openStores(config)` (PostgreSQL
 * is opened asynchronously); without any, SQLite under `config.dataDir`.
 */
export function createServices(
	config: GongzhiConfig,
	stores?: Stores,
	extra: { messages?: MessageProvider; bus?: ClusterBus } = {}
): Services {
	if (!stores && config.databaseUrl)
		throw new Error('DATABASE_URL is set: open the stores with openStores(config) and pass them');
	const s = stores ?? openSqliteStores(config.dataDir);
	const bus = extra.bus ?? createClusterBus(config);
	const sessions = new SessionService(s.sessions, s.users);
	const access = new AccessService(s);
	// Revocations, role changes and closed documents reach the sockets on every instance.
	const offClusterEvents = relayClusterEvents(bus, sessions, access, config.log);
	const socketLimit = new ConnectionLimit(config.maxSocketsPerUser, config.log);
	const deps = { stores: s, access, config, socketLimit, bus };
	const yjs = createYjsSync(deps);
	const automerge = createAutomergeSync(deps);
	const endpoints = [yjs, automerge];
	const eventLoop = new EventLoopMonitor();
	// Spreadsheets (imports, exports) are read and written off the event loop, one at a time.
	const sheets = new SheetWorker();
	const now = config.now ?? Date.now;
	const messages = extra.messages ?? createMessageProvider(config);
	// Texts go out in Chinese: the server does not know the recipient's language.
	const phoneVerification = new PhoneVerification(s, messages, now, chainZh.register.sms);
	const demands = new DemandService({ stores: s, access, now });
	const stopEscalation = startEscalationTimer(demands, config.log);
	const evaluation = new EvaluationService({ stores: s, access, automerge, now });
	const stopSurveys = startSurveyTimer(evaluation, config.log);
	const metrics = createMetricsHelpers(s, sheets);
	const projects = new ProjectService({
		stores: s,
		access,
		automerge,
		metrics,
		now,
		// The closing gate reads evaluation's open rectification items (from the server's board).
		openRectifications: async (boardId) => (await evaluation.openRectifications(boardId)).length,
		// An action list is a board but never a project.
		isActionList: async (boardId) => (await s.actionLists.byBoard(boardId)) !== null
	});
	const actionLists = new ActionLists({ stores: s, access, metrics, now });
	const decisions = new DecisionTasks({ stores: s, automerge, actionLists, now });
	const meetings = new MeetingService({ stores: s, access, now, decisions, log: config.log });
	const demandFilings = config.demandFilings ?? DEMAND_FILINGS;
	// In this process and, in cluster mode, to the other instances' streams.
	const commentBus = createClusterCommentBus(bus);
	const commentService = new CommentService({
		stores: s,
		access,
		bus: commentBus,
		writes: new PerUserLimit(COMMENT_WRITES.perMinute, COMMENT_WRITES.burst, now),
		now
	});
	const commentStreams = new CommentStreams({
		stores: s,
		comments: commentService,
		bus: commentBus,
		onRevoke: (l) => sessions.onRevoke(l),
		onAccessChange: (l) => access.onChange(l)
	});
	const offRevoke = sessions.onRevoke(({ sessionIds }) => {
		for (const e of endpoints) e.disconnectSessions(sessionIds);
	});
	const offAccess = access.onChange((userId) => {
		for (const e of endpoints) {
			e.recheckUser(userId).catch((err: unknown) =>
				config.log(`access recheck failed for ${userId}: ${String(err)}`)
			);
		}
	});
	return {
		config,
		stores: s,
		bus,
		sessions,
		throttle: new LoginThrottle(),
		auth: createAuthHelpers(s, config.demo),
		access,
		metrics,
		projects,
		history: new BoardHistory({ stores: s, access, automerge }),
		resources: new ResourceService({ stores: s, access, now }),
		boards: {
			files: new BoardFiles({ stores: s, access, now }),
			editContext: (userId, boardId) =>
				boardEditContext({ stores: s, access, automerge }, userId, boardId)
		},
		meetings,
		actionLists,
		agendaItems: {
			choices: (userId, agendaId) => agendaChoices({ stores: s, access }, userId, agendaId)
		},
		minutes: new MeetingMinutes({ stores: s, access, sheets, now }),
		agendaVersions: new AgendaVersions({ stores: s, access, now }),
		comments: { service: commentService, streams: commentStreams },
		publicProjects: new PublicProjects({ stores: s, automerge, evaluation, sheets, now }),
		yjs,
		automerge,
		demands,
		demandFilings: new PerUserLimit(demandFilings.perMinute, demandFilings.burst, now),
		evaluation,
		socketLimit,
		eventLoop,
		startedAt: Date.now(),
		messages,
		now,
		phoneVerification,
		registration: new ResidentRegistration(s, access, phoneVerification, now),
		chainImport: new ChainImport(s, access, now, sheets),
		async close() {
			eventLoop.stop();
			stopEscalation();
			stopSurveys();
			offRevoke();
			offAccess();
			offClusterEvents();
			commentStreams.close();
			await Promise.all(endpoints.map((e) => e.close()));
			await bus.close();
			await sheets.close();
			await s.close();
		}
	};
}

const KEY = Symbol.for('gongzhi.services');

/** The one bridge from the Node server to SvelteKit's server code (and to Vite's dev SSR graph). */
export function installServices(services: Services | null) {
	(globalThis as Record<symbol, unknown>)[KEY] = services;
}
