import { enLean } from './en/lean';
import { enRest } from './en/rest';
import type { Messages } from './zh-CN';

export const en: Messages = { ...enLean, ...enRest };
