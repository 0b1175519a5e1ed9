import { describe, expect, it } from 'vitest';
import type { CommentRecord } from '../../server/storage/CommentStore';
import type { Stores } from '../../server/storage/Stores';
import { meetingFixture } from './meetingStoresContract';

async function seed(s: Stores) {
	await s.org.addUnit({ id: 'c', parentId: null, kind: 'community', name: 'c', nameEn: 'c' });
	for (const id of ['u1', 'u2']) {
		await s.users.create({ id, username: id, displayName: id, passwordHash: 'x' });
	}
	await s.documents.register({
		id: 'ag1',
		kind: 'agenda',
		communityId: 'c',
		title: 'ag1',
		schemaVersion: 1,
		createdBy: 'u1'
	});
	await s.meetings.create(meetingFixture());
}

export function commentFixture(over: Partial<CommentRecord> = {}): CommentRecord {
	return {
		id: 'cm-1',
		meetingId: 'm1',
		agendaId: 'ag1',
		itemId: null,
		anchorStart: null,
		anchorEnd: null,
		quote: null,
		parentId: null,
		authorId: 'u1',
		clientKey: 'k1',
		body: '意见',
		mentions: [],
		createdAt: 10,
		editedAt: null,
		deletedAt: null,
		resolvedAt: null,
		resolvedBy: null,
		hiddenAt: null,
		hiddenBy: null,
		hiddenReason: null,
		...over
	};
}

/** The contract of the comment store. Rule ids refer to SPEC.md ("Meeting comments"). */
export function commentStoreContract(name: string, open: () => Promise<Stores>) {
	const withStores = (fn: (s: Stores) => Promise<void>) => async () => {
		const s = await open();
		try {
			await seed(s);
			await fn(s);
		} finally {
			await s.close();
		}
	};

	describe(`${name} comment store contract`, () => {
		it(
			'C1 a comment reads back as stored; one per (author, client key), the first kept',
			withStores(async (s) => {
				const first = commentFixture({ mentions: ['u2'], anchorStart: 'AA==', anchorEnd: 'AQ==' });
				expect(await s.comments.add(first)).toEqual({ comment: first, created: true });
				const again = await s.comments.add(commentFixture({ id: 'cm-2', body: '重发' }));
				expect(again).toEqual({ comment: first, created: false });
				// Another author may use the same key.
				expect((await s.comments.add(commentFixture({ id: 'cm-3', authorId: 'u2' }))).created).toBe(
					true
				);
				expect((await s.comments.ofMeeting('m1')).map((c) => c.id)).toEqual(['cm-1', 'cm-3']);
				expect(await s.comments.byKey('u1', 'k1')).toEqual(first);
				expect(await s.comments.get('nope')).toBeNull();
			})
		);

		it(
			'C2 only the author edits or deletes, and nothing deleted or hidden is edited',
			withStores(async (s) => {
				await s.comments.add(commentFixture());
				expect(await s.comments.edit('cm-1', 'u2', '他改', [], 20)).toBe(false);
				expect(await s.comments.remove('cm-1', 'u2', 20)).toBe(false);
				expect(await s.comments.edit('cm-1', 'u1', '改后', ['u2'], 20)).toBe(true);
				expect(await s.comments.get('cm-1')).toMatchObject({
					body: '改后',
					mentions: ['u2'],
					editedAt: 20
				});
				expect(await s.comments.remove('cm-1', 'u1', 30)).toBe(true);
				expect(await s.comments.remove('cm-1', 'u1', 31)).toBe(false);
				expect(await s.comments.edit('cm-1', 'u1', '再改', [], 40)).toBe(false);
				expect((await s.comments.get('cm-1'))?.deletedAt).toBe(30);
			})
		);

		it(
			'C3 resolving records who and when, reopening clears it; a deleted comment is neither',
			withStores(async (s) => {
				await s.comments.add(commentFixture());
				expect(await s.comments.resolve('cm-1', { userId: 'u2', at: 50 })).toBe(true);
				expect(await s.comments.get('cm-1')).toMatchObject({ resolvedAt: 50, resolvedBy: 'u2' });
				expect(await s.comments.resolve('cm-1', null)).toBe(true);
				expect(await s.comments.get('cm-1')).toMatchObject({ resolvedAt: null, resolvedBy: null });
				await s.comments.remove('cm-1', 'u1', 60);
				expect(await s.comments.resolve('cm-1', { userId: 'u2', at: 70 })).toBe(false);
			})
		);

		it(
			'C4 hiding is once, with who, when and why; a hidden comment is no longer edited',
			withStores(async (s) => {
				await s.comments.add(commentFixture());
				expect(await s.comments.hide('cm-1', 'u2', '不当', 80)).toBe(true);
				expect(await s.comments.hide('cm-1', 'u2', '再次', 81)).toBe(false);
				expect(await s.comments.get('cm-1')).toMatchObject({
					hiddenAt: 80,
					hiddenBy: 'u2',
					hiddenReason: '不当'
				});
				expect(await s.comments.edit('cm-1', 'u1', '改', [], 90)).toBe(false);
			})
		);
	});
}
