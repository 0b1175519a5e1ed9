/**
 * Simplified Chinese: the source of every user-facing string. Components read messages through
 * `m()` (see index.ts), never hard-code text. Add a key here first, then to en.ts (the compiler
 * refuses an en.ts that misses one).
 */
export const zhCN = {
	app: {
		name: '共治',
		tagline: '社区多委联合办公平台'
	}
};

export type Messages = typeof zhCN;
