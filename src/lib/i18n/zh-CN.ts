import { zhLean } from './zh-CN/lean';
import { zhRest } from './zh-CN/rest';

/**
 * Simplified Chinese: the source of every user-facing string. Components read messages through
 * `useI18n()` (see index.ts), never hard-code text. Add a key to zh-CN/lean.ts (what the agenda
 * page and the app's frame show) or zh-CN/rest.ts (every other page) first, then to the same file
 * under en/ (the compiler refuses an English file that misses one). Messages with values are
 * functions. This whole catalogue is for server code and types; pages load the two halves.
 */
export const zhCN = { ...zhLean, ...zhRest };

export type Messages = typeof zhCN;
