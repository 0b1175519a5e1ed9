import { getContext, setContext } from 'svelte';
import { en } from './en';
import { zhCN, type Messages } from './zh-CN';

export const LOCALES = ['zh-CN', 'en'] as const;
export type Locale = (typeof LOCALES)[number];
export const DEFAULT_LOCALE: Locale = 'zh-CN';
export const LOCALE_COOKIE = 'gz_locale';

export const CATALOGUES: Record<Locale, Messages> = { 'zh-CN': zhCN, en };

export function isLocale(value: unknown): value is Locale {
	return typeof value === 'string' && (LOCALES as readonly string[]).includes(value);
}

const KEY = Symbol('i18n');

interface I18n {
	readonly locale: Locale;
	readonly messages: Messages;
}

/** Called once in the root layout with a getter, so a language switch re-renders everything. */
export function provideI18n(get: () => Locale) {
	setContext<I18n>(KEY, {
		get locale() {
			return get();
		},
		get messages() {
			return CATALOGUES[get()];
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
