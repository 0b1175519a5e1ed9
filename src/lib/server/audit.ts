import { services } from './services';

/**
 * Records who did what. A failure to write the audit log must not be silent, but neither should
 * it undo what the user already did: it is logged and the request goes on.
 */
export async function audit(
	userId: string | null,
	action: string,
	target: string,
	detail?: Record<string, unknown>
) {
	const s = services();
	try {
		await s.stores.audit.record({ at: Date.now(), userId, action, target, detail });
	} catch (err) {
		s.config.log(`audit ${action} on ${target} not recorded: ${String(err)}`);
	}
}
