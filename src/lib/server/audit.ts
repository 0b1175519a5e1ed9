import type { AuditAction } from '$lib/domain/audit';
import { services } from './services';

/**
 * Records who did what. `scope` is the community or district the action is about (null for an
 * account-level action such as a login); it decides who may read the entry. A failure to write
 * the audit log must not be silent, but neither should it undo what the user already did: it is
 * logged and the request goes on.
 */
export async function audit(
	userId: string | null,
	action: AuditAction,
	target: string,
	scope: string | null,
	detail?: Record<string, unknown>
) {
	const s = services();
	try {
		await s.stores.audit.record({ at: Date.now(), userId, action, target, scope, detail });
	} catch (err) {
		s.config.log(`audit ${action} on ${target} not recorded: ${String(err)}`);
	}
}
