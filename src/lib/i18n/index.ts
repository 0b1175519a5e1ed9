import { getContext, setContext } from 'svelte';
import type { Messages } from './zh-CN';

export const LOCALES = ['zh-CN', 'en'] as const;
export type Locale = (typeof LOCALES)[number];
export const DEFAULT_LOCALE: Locale = 'zh-CN';
export const LOCALE_COOKIE = 'gz_locale';

/**
 * Each language's messages are their own chunk, loaded by the root layout before a page renders:
 * a page fetches only the language it shows (the two together were 25 KB compressed on every
 * page). Server code that needs any language at once imports `./catalogues`.
 */
const LOADERS: Record<Locale, () => Promise<Messages>> = {
	'zh-CN': () => import('./zh-CN').then((m) => m.zhCN),
	en: () => import('./en').then((m) => m.en)
};

export function loadMessages(locale: Locale): Promise<Messages> {
	return LOADERS[locale]();
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
