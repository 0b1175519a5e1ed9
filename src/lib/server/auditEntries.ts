import { AUDIT_PAGE_SIZE, type AuditRow } from '$lib/domain/audit';
import { services } from './services';

/**
 * A page of the audit log for the given scopes, newest first. `before` comes from the page's
 * `?before=` (the id of the last entry shown); anything not a positive integer starts at the top.
 */
export async function auditPage(
	scopes: readonly string[],
	unscoped: boolean,
	beforeParam: string | null
): Promise<{ rows: AuditRow[]; older: number | null }> {
	const { stores } = services();
	const before = Number(beforeParam);
	const entries = await stores.audit.inScopes({
		scopes,
		unscoped,
		limit: AUDIT_PAGE_SIZE + 1,
		...(Number.isSafeInteger(before) && before > 0 ? { before } : {})
	});
	const page = entries.slice(0, AUDIT_PAGE_SIZE);
	const names = new Map<string, string>();
	const nameOf = async (userId: string) => {
		if (!names.has(userId)) {
			const u = await stores.users.byId(userId);
			names.set(userId, u ? `${u.displayName} (${u.username})` : userId);
		}
		return names.get(userId)!;
	};
	const rows = await Promise.all(
		page.map(async (e) => ({
			id: e.id,
			at: e.at,
			actor: e.userId ? await nameOf(e.userId) : null,
			action: e.action,
			target: await describeTarget(e.target, nameOf),
			detail: Object.entries(e.detail ?? {}).map(([k, v]) => [k, String(v)] as [string, string])
		}))
	);
	const last = page.at(-1);
	return { rows, older: entries.length > AUDIT_PAGE_SIZE && last ? last.id : null };
}

async function describeTarget(target: string, nameOf: (id: string) => Promise<string>) {
	const [kind, ...rest] = target.split(':');
	const value = rest.join(':');
	if (kind === 'user') return nameOf(value);
	// Invitations are known by the hash of their token: a prefix is enough to tell them apart.
	if (kind === 'invite') return `#${value.slice(0, 10)}`;
	return value || target;
}
