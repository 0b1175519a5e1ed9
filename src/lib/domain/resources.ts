/**
 * The helper group's resource list (职能委员会帮帮团 · 资源清单): district and street departments
 * publish items — policy, funds, technical help — that secretary projects request. Items and
 * requests are server records (never in the board document): who published, who asked, who
 * decided and when are what the server saw.
 */
export const RESOURCE_KINDS = ['policy', 'funds', 'technical', 'other'] as const;
export type ResourceKind = (typeof RESOURCE_KINDS)[number];

/** A request is pending until the department decides it or the project withdraws it, once. */
export const REQUEST_STATES = ['pending', 'accepted', 'declined', 'withdrawn'] as const;
export type RequestState = (typeof REQUEST_STATES)[number];

/** What a department answers to a request. */
export const DECISIONS = ['accepted', 'declined'] as const;
export type Decision = (typeof DECISIONS)[number];

/** Units that publish resources: departments sit at the district and at streets (镇街). */
export const RESOURCE_UNIT_KINDS = ['district', 'street'] as const;

export const RESOURCE_LIMITS = {
	title: 60,
	description: 1000,
	department: 40,
	contact: 80,
	note: 500,
	comment: 500
} as const;

export interface ResourceItemInput {
	kind: ResourceKind;
	title: string;
	description: string;
	department: string;
	contact: string;
}

export function isResourceKind(value: unknown): value is ResourceKind {
	return typeof value === 'string' && (RESOURCE_KINDS as readonly string[]).includes(value);
}

export function isDecision(value: unknown): value is Decision {
	return typeof value === 'string' && (DECISIONS as readonly string[]).includes(value);
}

/** Length in characters as a reader counts them (a CJK character or an emoji is one). */
const chars = (s: string) => [...s].length;

/** Trimmed text within `max` characters; null when it is not a string or too long. */
export function boundedText(value: unknown, max: number): string | null {
	if (typeof value !== 'string') return null;
	const text = value.trim();
	return chars(text) <= max ? text : null;
}

/**
 * A resource item from untrusted input, or the name of the first field that is wrong. Title,
 * department and contact are required: a project must know what it asks for and whom to call.
 */
export function resourceItemInput(
	raw: Record<string, unknown>
): { ok: true; value: ResourceItemInput } | { ok: false; field: keyof ResourceItemInput } {
	if (!isResourceKind(raw.kind)) return { ok: false, field: 'kind' };
	const fields = ['title', 'description', 'department', 'contact'] as const;
	const out: Partial<ResourceItemInput> = { kind: raw.kind };
	for (const f of fields) {
		const text = boundedText(raw[f] ?? '', RESOURCE_LIMITS[f]);
		if (text === null || (f !== 'description' && !text)) return { ok: false, field: f };
		out[f] = text;
	}
	return { ok: true, value: out as ResourceItemInput };
}

/**
 * A decision needs a comment when it declines: a department that says no says why (the
 * secretary has to find the help elsewhere). Accepting may add one (whom to call, when).
 */
export function decisionRefusal(decision: Decision, comment: string): 'comment' | null {
	return decision === 'declined' && !comment ? 'comment' : null;
}
