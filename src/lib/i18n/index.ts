import { getContext, setContext } from 'svelte';
import type { zhLean } from './zh-CN/lean';
import type { zhRest } from './zh-CN/rest';
import type { Messages } from './zh-CN';

export const LOCALES = ['zh-CN', 'en'] as const;
export type Locale = (typeof LOCALES)[number];
export const DEFAULT_LOCALE: Locale = 'zh-CN';
export const LOCALE_COOKIE = 'gz_locale';

type Lean = typeof zhLean;
type Rest = typeof zhRest;

/**
 * Each language's messages are their own chunks, loaded by the root layout before a page renders:
 * a page fetches only the language it shows (the two together were 25 KB compressed on every
 * page). Each language comes in two halves: `lean` (the app's frame and the agenda page) and
 * `rest`. Server code that needs any language at once imports `./catalogues`.
 */
const PARTS: Record<Locale, { lean: () => Promise<Lean>; rest: () => Promise<Rest> }> = {
	'zh-CN': {
		lean: () => import('./zh-CN/lean').then((m) => m.zhLean),
		rest: () => import('./zh-CN/rest').then((m) => m.zhRest)
	},
	en: {
		lean: () => import('./en/lean').then((m) => m.enLean),
		rest: () => import('./en/rest').then((m) => m.enRest)
	}
};

/**
 * Routes that load only the lean half. The agenda page carries the rich-text editor and has a
 * 200 KB budget for its scripts; the rest of the catalogue was 8 KB of it (brotli).
 */
export const LEAN_ROUTES: ReadonlySet<string> = new Set(['/agenda/[id]']);

/** The sections in rest.ts, checked complete by the compiler (see below). */
const REST_SECTIONS = [
	'chain',
	'register',
	'import',
	'evaluation',
	'history',
	'resources',
	'overview',
	'boardEdit',
	'publicPledge',
	'board',
	'login',
	'home',
	'account',
	'members',
	'reset',
	'admin',
	'audit',
	'metrics',
	'demands'
] as const satisfies readonly (keyof Rest)[];
/** Compiles only while REST_SECTIONS names every section of rest.ts. */
export const REST_SECTIONS_COMPLETE: [Exclude<keyof Rest, (typeof REST_SECTIONS)[number]>] extends [
	never
]
	? true
	: never = true;

/** The messages for a page in `locale` on route `routeId` (null: not known, so all of them). */
export async function loadMessages(
	locale: Locale,
	routeId: string | null = null
): Promise<Messages> {
	const parts = PARTS[locale];
	if (routeId !== null && LEAN_ROUTES.has(routeId)) {
		return leanOnly(await parts.lean(), routeId);
	}
	const [lean, rest] = await Promise.all([parts.lean(), parts.rest()]);
	return { ...lean, ...rest };
}

/**
 * The lean half, where reading a section of the other half fails saying what to do, instead of
 * a bare "cannot read properties of undefined" somewhere in a component (server rendering hits
 * it first, so any test that opens the page finds it).
 */
function leanOnly(lean: Lean, routeId: string): Messages {
	const messages = { ...lean };
	for (const section of REST_SECTIONS) {
		Object.defineProperty(messages, section, {
			enumerable: false,
			get() {
				throw new Error(
					`i18n: messages.${section} is not loaded on ${routeId} (LEAN_ROUTES); ` +
						'move the section to zh-CN/lean.ts and en/lean.ts, or take the route out'
				);
			}
		});
	}
	return messages as Messages;
}

export function isLocale(value: unknown): value is Locale {
	return typeof value === 'string' && (LOCALES as readonly string[]).includes(value);
}

const KEY = Symbol('i18n');

interface I18n {
	readonly locale: Locale;
	readonly messages: Messages;
}

/**
 * Called once in the root layout with getters (the layout's data), so a language switch
 * re-renders everything.
 */
export function provideI18n(get: () => { locale: Locale; messages: Messages }) {
	setContext<I18n>(KEY, {
		get locale() {
			return get().locale;
		},
		get messages() {
			return get().messages;
		}
	});
}

/** The current messages; call in a component's script and read fields in markup. */
export function useI18n(): I18n {
	return getContext<I18n>(KEY);
}

/** Formats a date for the locale (the server and client agree on the output). */
/**
 * Times are shown in Beijing time, wherever the server or the phone thinks it is: deadlines are
 * counted on Beijing's working days, and the page rendered on the server must read the same once
 * the browser takes over.
 */
export const TIME_ZONE = 'Asia/Shanghai';

export function formatDateTime(locale: Locale, at: number | Date): string {
	return new Intl.DateTimeFormat(locale, {
		dateStyle: 'medium',
		timeStyle: 'short',
		timeZone: TIME_ZONE
	}).format(at);
}

export type { Messages };
