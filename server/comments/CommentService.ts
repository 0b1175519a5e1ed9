import { randomUUID } from 'node:crypto';
import {
	COMMENTABLE,
	isCommentId,
	type CommentSnapshot,
	type CommentView
} from '../../src/lib/domain/comments';
import { canSeeMeeting } from '../../src/lib/domain/meetings';
import { canDoWithComments } from '../../src/lib/domain/policy';
import type { AccessService } from '../access/AccessService';
import type { PerUserLimit } from '../access/PerUserLimit';
import type { CommentRecord } from '../storage/CommentStore';
import type { Stores } from '../storage/Stores';
import { anchorResolves, itemIds, loadAgenda } from './agendaAnchor';
import type { CommentBus } from './CommentBus';
import { CommentError } from './CommentError';
import {
	bodyOf,
	checkInput,
	clientKeyOf,
	mentionIdsOf,
	reasonOf,
	type CommentInput
} from './commentInput';
import { followersOf, notifyComment } from './commentNotices';
import { namesFor, viewComment, viewComments, type CommentViewer } from './commentView';

export interface CommentServiceDeps {
	stores: Stores;
	access: AccessService;
	bus: CommentBus;
	/** New comments and edits per person (COMMENT_WRITES). */
	writes: PerUserLimit;
	now(): number;
}

/**
 * Comments on meeting agendas: rows owned by their author, posted once per client key, shown to
 * whoever may read the meeting, pushed to open streams through the bus. Who may do what reads
 * COMMENT_POLICY; what the meeting's state allows reads COMMENTABLE. Every refusal comes before
 * anything is written.
 */
export class CommentService {
	constructor(private readonly deps: CommentServiceDeps) {}

	/** The meeting and this reader's view of it; not_found if they may not read it. */
	async viewer(userId: string, meetingId: string) {
		const meeting = await this.deps.stores.meetings.get(meetingId);
		if (!meeting) throw new CommentError('not_found');
		const roles = await this.deps.access.rolesIn(userId, meeting.communityId);
		if (!canSeeMeeting(meeting.state, roles)) throw new CommentError('not_found');
		const viewer: CommentViewer = { userId, roles, seesHidden: canDoWithComments('hide', roles) };
		return { meeting, viewer };
	}

	async list(userId: string, meetingId: string): Promise<CommentSnapshot> {
		const { meeting, viewer } = await this.viewer(userId, meetingId);
		const { stores } = this.deps;
		const records = await stores.comments.ofMeeting(meetingId);
		const post = canDoWithComments('post', viewer.roles) && COMMENTABLE.includes(meeting.state);
		const mentionable = post ? await this.#mentionable(meeting.communityId) : [];
		return {
			comments: viewComments(records, viewer, await namesFor(stores.users, records)),
			me: {
				userId,
				post,
				resolveAny: canDoWithComments('resolve_any', viewer.roles),
				hide: viewer.seesHidden
			},
			mentionable
		};
	}

	/**
	 * A new comment or reply as the session's user. The same client key again returns the
	 * comment stored the first time (`created: false`), whatever the meeting's state is by now.
	 */
	async post(userId: string, meetingId: string, input: CommentInput) {
		const { meeting, viewer } = await this.viewer(userId, meetingId);
		const { stores } = this.deps;
		const earlier = await stores.comments.byKey(userId, clientKeyOf(input));
		// The key is the author's across meetings: the same key sent to another meeting is not it.
		if (earlier && earlier.meetingId !== meetingId) throw new CommentError('invalid', 'clientKey');
		if (earlier) return { comment: await this.#shape(earlier, viewer), created: false };
		if (!canDoWithComments('post', viewer.roles)) throw new CommentError('forbidden', 'forbidden');
		if (!COMMENTABLE.includes(meeting.state)) throw new CommentError('conflict', 'state');
		const checked = checkInput(input);
		let parentAuthor: string | null = null;
		if (checked.parentId) {
			const parent = await stores.comments.get(checked.parentId);
			if (!parent || parent.meetingId !== meetingId || parent.hiddenAt !== null)
				throw new CommentError('invalid', 'parent');
			// One level of replies: a reply to a reply joins the thread it is in.
			if (parent.parentId !== null) throw new CommentError('invalid', 'parent');
			parentAuthor = parent.authorId;
		}
		if (checked.itemId || checked.anchor) {
			const doc = await loadAgenda(stores.yjs, meeting.agendaId);
			try {
				if (checked.itemId && !itemIds(doc).has(checked.itemId))
					throw new CommentError('invalid', 'item');
				if (checked.anchor && !anchorResolves(doc, checked.anchor.start, checked.anchor.end))
					throw new CommentError('invalid', 'anchor');
			} finally {
				doc.destroy();
			}
		}
		await this.#checkMentions(meeting.communityId, checked.mentions);
		this.#takeWrite(userId);
		const at = this.deps.now();
		const { comment, created } = await stores.comments.add({
			id: `cm-${randomUUID()}`,
			meetingId,
			agendaId: meeting.agendaId,
			itemId: checked.itemId,
			anchorStart: checked.anchor ? (checked.anchor.start as string) : null,
			anchorEnd: checked.anchor ? (checked.anchor.end as string) : null,
			quote: checked.quote,
			parentId: checked.parentId,
			authorId: userId,
			clientKey: checked.clientKey,
			body: checked.body,
			mentions: checked.mentions,
			createdAt: at,
			editedAt: null,
			deletedAt: null,
			resolvedAt: null,
			resolvedBy: null,
			hiddenAt: null,
			hiddenBy: null,
			hiddenReason: null
		});
		if (created) {
			this.deps.bus.publish(meetingId, comment);
			await notifyComment(stores, comment, { communityId: meeting.communityId, parentAuthor, at });
		}
		return { comment: await this.#shape(comment, viewer), created };
	}

	/**
	 * Counted only for a write that would be stored (after every other check, and not for a
	 * client key sent again), so a refused or repeated request costs the person nothing.
	 */
	#takeWrite(userId: string) {
		const waitMs = this.deps.writes.take(userId);
		if (waitMs > 0) throw new CommentError('too_many', 'too_many', waitMs);
	}

	/** The author's new text (and mentions), while the meeting takes comments. */
	async edit(userId: string, meetingId: string, commentId: unknown, input: CommentInput) {
		const { meeting, comment } = await this.#visibleComment(userId, meetingId, commentId);
		if (comment.authorId !== userId) throw new CommentError('forbidden', 'not_author');
		if (!COMMENTABLE.includes(meeting.state)) throw new CommentError('conflict', 'state');
		if (comment.deletedAt !== null) throw new CommentError('conflict', 'deleted');
		const body = bodyOf(input.body);
		const mentions = mentionIdsOf(input.mentions);
		await this.#checkMentions(meeting.communityId, mentions);
		this.#takeWrite(userId);
		const at = this.deps.now();
		if (!(await this.deps.stores.comments.edit(comment.id, userId, body, mentions, at)))
			throw new CommentError('conflict', 'conflict');
		const fresh = await this.#publish(meetingId, comment.id);
		const newMentions = mentions.filter((m) => !comment.mentions.includes(m));
		if (newMentions.length > 0)
			await notifyComment(this.deps.stores, fresh, {
				communityId: meeting.communityId,
				parentAuthor: null,
				newMentions,
				at
			});
	}

	/** The author takes their comment back (its place in the thread stays, without the text). */
	async remove(userId: string, meetingId: string, commentId: unknown) {
		const { comment } = await this.#visibleComment(userId, meetingId, commentId);
		if (comment.authorId !== userId) throw new CommentError('forbidden', 'not_author');
		if (!(await this.deps.stores.comments.remove(comment.id, userId, this.deps.now())))
			throw new CommentError('conflict', 'deleted');
		await this.#publish(meetingId, comment.id);
	}

	/** Resolves (or reopens) a thread: its author, or a committee member or the secretary. */
	async resolve(userId: string, meetingId: string, commentId: unknown, resolved: unknown) {
		const { meeting, viewer, comment } = await this.#visibleComment(userId, meetingId, commentId);
		if (typeof resolved !== 'boolean') throw new CommentError('invalid', 'resolved');
		if (comment.parentId !== null) throw new CommentError('invalid', 'reply');
		if (comment.authorId !== userId && !canDoWithComments('resolve_any', viewer.roles))
			throw new CommentError('forbidden', 'forbidden');
		if (!COMMENTABLE.includes(meeting.state)) throw new CommentError('conflict', 'state');
		const by = resolved ? { userId, at: this.deps.now() } : null;
		if (!(await this.deps.stores.comments.resolve(comment.id, by)))
			throw new CommentError('conflict', 'deleted');
		await this.#publish(meetingId, comment.id);
	}

	/** The secretary hides a comment from everyone, with a reason; the audit log keeps it. */
	async hide(userId: string, meetingId: string, commentId: unknown, reason: unknown) {
		const { meeting, viewer, comment } = await this.#visibleComment(userId, meetingId, commentId);
		if (!viewer.seesHidden) throw new CommentError('forbidden', 'forbidden');
		const why = reasonOf(reason);
		const at = this.deps.now();
		if (!(await this.deps.stores.comments.hide(comment.id, userId, why, at)))
			throw new CommentError('conflict', 'hidden');
		await this.deps.stores.audit.record({
			at,
			userId,
			action: 'comment_hidden',
			target: `comment:${comment.id}`,
			scope: meeting.communityId,
			detail: { meetingId, authorId: comment.authorId, reason: why }
		});
		await this.#publish(meetingId, comment.id);
	}

	/** One record as its poster sees it: null once the secretary has hidden it. */
	async #shape(record: CommentRecord, viewer: CommentViewer): Promise<CommentView | null> {
		const names = await namesFor(this.deps.stores.users, [record]);
		return viewComment(record, viewer, names);
	}

	async #publish(meetingId: string, commentId: string): Promise<CommentRecord> {
		const fresh = (await this.deps.stores.comments.get(commentId))!;
		this.deps.bus.publish(meetingId, fresh);
		return fresh;
	}

	/** A comment of this meeting the user may see (a hidden one only for the secretary). */
	async #visibleComment(userId: string, meetingId: string, commentId: unknown) {
		const { meeting, viewer } = await this.viewer(userId, meetingId);
		if (!isCommentId(commentId)) throw new CommentError('not_found');
		const comment = await this.deps.stores.comments.get(commentId);
		if (!comment || comment.meetingId !== meetingId) throw new CommentError('not_found');
		if (comment.hiddenAt !== null && !viewer.seesHidden) throw new CommentError('not_found');
		return { meeting, viewer, comment };
	}

	async #mentionable(communityId: string) {
		const ids = [...(await followersOf(this.deps.stores, communityId))];
		const names = await this.deps.stores.users.displayNames(ids);
		return ids
			.filter((id) => names.has(id))
			.map((id) => ({ id, name: names.get(id)! }))
			.sort((a, b) => a.name.localeCompare(b.name, 'zh-CN'));
	}

	async #checkMentions(communityId: string, mentions: string[]) {
		if (mentions.length === 0) return;
		const followers = await followersOf(this.deps.stores, communityId);
		if (!mentions.every((m) => followers.has(m))) throw new CommentError('invalid', 'mentions');
	}
}
