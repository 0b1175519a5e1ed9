import { AGENDA_ITEM_ID } from '../../src/lib/domain/agendaItems';
import {
	CLIENT_KEY_PATTERN,
	isCommentId,
	lengthOf,
	MAX_COMMENT_BODY,
	MAX_HIDE_REASON,
	MAX_MENTIONS,
	MAX_QUOTE
} from '../../src/lib/domain/comments';
import { CommentError } from './CommentError';

/** What a client sends to post a comment; every field is checked, nothing is trusted. */
export interface CommentInput {
	clientKey?: unknown;
	body?: unknown;
	itemId?: unknown;
	anchor?: unknown;
	quote?: unknown;
	parentId?: unknown;
	mentions?: unknown;
}

/** The fields of a new comment in their checked shapes (the anchor still to be resolved). */
export interface CheckedInput {
	clientKey: string;
	body: string;
	itemId: string | null;
	anchor: { start: unknown; end: unknown } | null;
	quote: string | null;
	parentId: string | null;
	mentions: string[];
}

const absent = (v: unknown) => v === undefined || v === null || v === '';

export function clientKeyOf(input: CommentInput): string {
	if (typeof input.clientKey !== 'string' || !CLIENT_KEY_PATTERN.test(input.clientKey))
		throw new CommentError('invalid', 'clientKey');
	return input.clientKey;
}

/** Plain text, trimmed, not empty, within the cap. Rendered as text by the page, never as HTML. */
export function bodyOf(value: unknown): string {
	const body = typeof value === 'string' ? value.trim() : '';
	if (!body || lengthOf(body) > MAX_COMMENT_BODY) throw new CommentError('invalid', 'body');
	return body;
}

/** Distinct user ids, at most MAX_MENTIONS; whether each may be mentioned is checked later. */
export function mentionIdsOf(value: unknown): string[] {
	if (absent(value)) return [];
	if (!Array.isArray(value) || value.length > MAX_MENTIONS)
		throw new CommentError('invalid', 'mentions');
	if (!value.every((v): v is string => typeof v === 'string' && v.length > 0 && v.length <= 80))
		throw new CommentError('invalid', 'mentions');
	return [...new Set(value)];
}

export function reasonOf(value: unknown): string {
	const reason = typeof value === 'string' ? value.trim() : '';
	if (!reason || lengthOf(reason) > MAX_HIDE_REASON) throw new CommentError('invalid', 'reason');
	return reason;
}

/**
 * The shape of a new comment, refused with the first bad field. A reply belongs to its thread:
 * it carries no item or passage of its own.
 */
export function checkInput(input: CommentInput): CheckedInput {
	const clientKey = clientKeyOf(input);
	const body = bodyOf(input.body);
	let parentId: string | null = null;
	if (!absent(input.parentId)) {
		if (!isCommentId(input.parentId)) throw new CommentError('invalid', 'parent');
		parentId = input.parentId;
	}
	let itemId: string | null = null;
	if (!absent(input.itemId)) {
		if (typeof input.itemId !== 'string' || !AGENDA_ITEM_ID.test(input.itemId))
			throw new CommentError('invalid', 'item');
		itemId = input.itemId;
	}
	let anchor: CheckedInput['anchor'] = null;
	let quote: string | null = null;
	if (!absent(input.anchor)) {
		const a = input.anchor;
		if (typeof a !== 'object' || a === null || Array.isArray(a))
			throw new CommentError('invalid', 'anchor');
		const { start, end } = a as Record<string, unknown>;
		anchor = { start, end };
		quote = typeof input.quote === 'string' ? input.quote.trim() : '';
		if (!quote || lengthOf(quote) > MAX_QUOTE) throw new CommentError('invalid', 'quote');
	} else if (!absent(input.quote)) throw new CommentError('invalid', 'quote');
	if (parentId && (itemId || anchor)) throw new CommentError('invalid', 'parent');
	return {
		clientKey,
		body,
		itemId,
		anchor,
		quote,
		parentId,
		mentions: mentionIdsOf(input.mentions)
	};
}
