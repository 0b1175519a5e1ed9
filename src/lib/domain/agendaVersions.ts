/**
 * Named versions (snapshots) of an agenda: a committee member or the secretary names the state
 * the server holds ("会前定稿"); the server keeps the whole document as it was. A restore is an
 * ordinary edit by the person restoring, made in their own client, so it syncs, is authored by
 * them and is refused once the agenda is closed, like every other write.
 */

/** A name is a short label, counted in characters (not UTF-16 units). */
export const MAX_VERSION_NAME = 40;

/**
 * Versions an agenda keeps, per kind: a full copy each, so the count is bounded. Saving past the
 * cap is refused (nothing is ever replaced or deleted); a restore's automatic copy of the state
 * it replaces has its own cap and is skipped, not refused, once that is full.
 */
export const MAX_NAMED_VERSIONS = 30;
export const MAX_RESTORE_COPIES = 30;

export const VERSION_KINDS = ['named', 'before_restore'] as const;
export type VersionKind = (typeof VERSION_KINDS)[number];

// Control characters (tabs and newlines included) and the Unicode line and paragraph separators.
// eslint-disable-next-line no-control-regex
const UNPRINTABLE = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/;

/** The trimmed name, or null when it is empty, too long or holds control characters. */
export function parseVersionName(value: unknown): string | null {
	if (typeof value !== 'string') return null;
	const name = value.trim();
	if (!name || [...name].length > MAX_VERSION_NAME || UNPRINTABLE.test(name)) return null;
	return name;
}

/** Version ids are the server's row numbers; anything else in a URL is refused before a lookup. */
export function parseVersionId(value: unknown): number | null {
	if (typeof value !== 'string' || !/^[1-9]\d{0,11}$/.test(value)) return null;
	return Number(value);
}

/**
 * Which blocks two block lists share, by a longest common subsequence of their keys (a block's
 * serialised content): `sameA[i]` is true when block i of `a` is kept in `b`, and the other way
 * round. The side-by-side view marks the blocks that are not; a restore keeps the shared blocks
 * in place (comments anchored in them stay attached) and replaces only the others.
 */
export function sharedBlocks(
	a: readonly string[],
	b: readonly string[]
): { sameA: boolean[]; sameB: boolean[] } {
	const n = a.length;
	const m = b.length;
	// lengths[i][j]: LCS of a[i..] and b[j..]; agendas have tens to hundreds of blocks.
	const lengths: Uint32Array[] = Array.from({ length: n + 1 }, () => new Uint32Array(m + 1));
	for (let i = n - 1; i >= 0; i--) {
		for (let j = m - 1; j >= 0; j--) {
			lengths[i]![j] =
				a[i] === b[j]
					? lengths[i + 1]![j + 1]! + 1
					: Math.max(lengths[i + 1]![j]!, lengths[i]![j + 1]!);
		}
	}
	const sameA = new Array<boolean>(n).fill(false);
	const sameB = new Array<boolean>(m).fill(false);
	let i = 0;
	let j = 0;
	while (i < n && j < m) {
		if (a[i] === b[j]) {
			sameA[i++] = true;
			sameB[j++] = true;
		} else if (lengths[i + 1]![j]! >= lengths[i]![j + 1]!) i++;
		else j++;
	}
	return { sameA, sameB };
}

/** A ProseMirror node as JSON (untrusted: whatever clients wrote into the shared document). */
export interface PmJson {
	type?: unknown;
	attrs?: Record<string, unknown>;
	content?: PmJson[];
	text?: unknown;
	marks?: { type?: unknown; attrs?: Record<string, unknown> }[];
}
