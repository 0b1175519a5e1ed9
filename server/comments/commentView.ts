import type { CommentView } from '../../src/lib/domain/comments';
import type { Role } from '../../src/lib/domain/roles';
import type { CommentRecord } from '../storage/CommentStore';
import type { UserStore } from '../storage/UserStore';

/** Who is reading: decides what of a comment they receive. */
export interface CommentViewer {
	userId: string;
	roles: Set<Role>;
	/** The secretary (COMMENT_POLICY.hide) sees hidden comments, marked; nobody else gets them. */
	seesHidden: boolean;
}

/** Every user id a record names (author, mentions, resolver, hider). */
export function namedIn(records: readonly CommentRecord[]): string[] {
	const ids = new Set<string>();
	for (const r of records) {
		ids.add(r.authorId);
		for (const m of r.mentions) ids.add(m);
		if (r.resolvedBy) ids.add(r.resolvedBy);
		if (r.hiddenBy) ids.add(r.hiddenBy);
	}
	return [...ids];
}

export async function namesFor(users: UserStore, records: readonly CommentRecord[]) {
	return users.displayNames(namedIn(records));
}

/**
 * One record as this viewer may see it, or null when they may not see it at all (hidden, or a
 * reply in a hidden thread, for anyone but the secretary). A deleted comment keeps its place in
 * its thread without its text; the body of a hidden one reaches only the secretary.
 */
export function viewComment(
	r: CommentRecord,
	viewer: CommentViewer,
	names: Map<string, string>,
	parentHidden = false
): CommentView | null {
	if ((r.hiddenAt !== null || parentHidden) && !viewer.seesHidden) return null;
	const name = (id: string | null) => (id ? (names.get(id) ?? '') : '');
	const deleted = r.deletedAt !== null;
	return {
		id: r.id,
		agendaId: r.agendaId,
		parentId: r.parentId,
		itemId: r.itemId,
		anchor:
			r.anchorStart !== null && r.anchorEnd !== null
				? { start: r.anchorStart, end: r.anchorEnd }
				: null,
		quote: deleted ? null : r.quote,
		authorId: r.authorId,
		authorName: name(r.authorId),
		body: deleted ? '' : r.body,
		mentions: deleted ? [] : r.mentions.map((id) => ({ id, name: name(id) })),
		createdAt: r.createdAt,
		editedAt: r.editedAt,
		deleted,
		resolved: r.resolvedAt !== null ? { at: r.resolvedAt, byName: name(r.resolvedBy) } : null,
		hidden:
			r.hiddenAt !== null
				? { at: r.hiddenAt, byName: name(r.hiddenBy), reason: r.hiddenReason ?? '' }
				: null,
		clientKey: r.authorId === viewer.userId ? r.clientKey : null
	};
}

/** A meeting's comments for one viewer, oldest first. */
export function viewComments(
	records: readonly CommentRecord[],
	viewer: CommentViewer,
	names: Map<string, string>
): CommentView[] {
	const hidden = new Set(records.filter((r) => r.hiddenAt !== null).map((r) => r.id));
	const out: CommentView[] = [];
	for (const r of records) {
		const v = viewComment(r, viewer, names, r.parentId !== null && hidden.has(r.parentId));
		if (v) out.push(v);
	}
	return out;
}
