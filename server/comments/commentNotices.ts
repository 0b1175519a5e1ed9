import { COMMENT_POLICY } from '../../src/lib/domain/policy';
import type { CommentRecord } from '../storage/CommentStore';
import type { Notification } from '../storage/NotificationStore';
import type { Stores } from '../storage/Stores';

type CommentKind = Extract<Notification['kind'], `comment_${string}`>;

/** The community's people who follow its meetings' comments (committee members, the secretary). */
export async function followersOf(stores: Stores, communityId: string): Promise<Set<string>> {
	const members = await stores.org.membersOf(communityId);
	return new Set(
		members.filter((m) => COMMENT_POLICY.follow.includes(m.role)).map((m) => m.userId)
	);
}

/**
 * Who hears of a new comment, one notification each, the most personal reason winning: the
 * mentioned (`comment_mention`), the author of the comment replied to (`comment_reply`, so a
 * resident hears back), then every follower of the community (`comment_new`). Never the author.
 */
export async function notifyComment(
	stores: Stores,
	comment: CommentRecord,
	ctx: { communityId: string; parentAuthor: string | null; newMentions?: string[]; at: number }
): Promise<void> {
	const kinds = new Map<string, CommentKind>();
	const mentions = ctx.newMentions ?? comment.mentions;
	for (const id of mentions) kinds.set(id, 'comment_mention');
	// An edit tells only the newly mentioned; a new comment tells the rest too.
	if (!ctx.newMentions) {
		if (ctx.parentAuthor && !kinds.has(ctx.parentAuthor))
			kinds.set(ctx.parentAuthor, 'comment_reply');
		for (const id of await followersOf(stores, ctx.communityId))
			if (!kinds.has(id)) kinds.set(id, 'comment_new');
	}
	kinds.delete(comment.authorId);
	for (const [userId, kind] of kinds) {
		await stores.notifications.add({
			userId,
			at: ctx.at,
			kind,
			demandId: null,
			detail: { meetingId: comment.meetingId, agendaId: comment.agendaId, commentId: comment.id }
		});
	}
}
