import type { Locale } from './index';
import { en } from './en';
import { zhCN, type Messages } from './zh-CN';

/** Every language's messages at once, for server code (exports in the reader's language). */
export const CATALOGUES: Record<Locale, Messages> = { 'zh-CN': zhCN, en };
