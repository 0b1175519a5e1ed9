import { error, redirect } from '@sveltejs/kit';
import type { DocKind } from '$lib/domain/policy';
import { ROLES } from '$lib/domain/roles';
import { services } from './services';

/**
 * What both live-document pages load: the document (only if this user may read it — a missing
 * and a forbidden document get the same 404), the user's access level, and how to label them.
 */
export async function loadDocPage(
	locals: App.Locals,
	docId: string,
	kind: DocKind,
	pathname: string
) {
	const user = locals.user;
	if (!user) redirect(303, `/login?redirectTo=${encodeURIComponent(pathname)}`);
	const found = await services().access.document(user.id, docId);
	if (!found || found.doc.kind !== kind) error(404, 'Not Found');
	const roles = await services().access.rolesIn(user.id, found.doc.communityId);
	// The role shown beside a caret: the first in the joint office's order.
	const committee = ROLES.find((r) => roles.has(r)) ?? null;
	return {
		doc: { id: found.doc.id, title: found.doc.title, communityId: found.doc.communityId },
		level: found.level,
		me: { id: user.id, name: user.displayName, committee }
	};
}
