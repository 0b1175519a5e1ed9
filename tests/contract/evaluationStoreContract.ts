import { describe, expect, it } from 'vitest';
import type { Survey } from '../../server/storage/EvaluationStore';
import type { Stores } from '../../server/storage/Stores';

async function seed(s: Stores) {
	await s.org.addUnit({ id: 'c', parentId: null, kind: 'community', name: 'c', nameEn: 'c' });
	for (const id of ['sec', 'dep1', 'dep2', 'r1', 'r2', 'r3']) {
		await s.users.create({ id, username: id, displayName: id, passwordHash: 'x' });
	}
	for (const id of ['board-1', 'board-2']) {
		await s.documents.register({
			id,
			kind: 'board',
			communityId: 'c',
			title: id,
			schemaVersion: 1,
			createdBy: 'sec'
		});
	}
}

const survey = (over: Partial<Survey> = {}): Survey => ({
	id: 'sv-1',
	boardId: 'board-1',
	round: 1,
	openedAt: 100,
	openedBy: 'sec',
	closesAt: 1000,
	closedAt: null,
	closedBy: null,
	threshold: 0.8,
	outcome: null,
	...over
});

/** The contract of EvaluationStore. Rule ids refer to SPEC.md ("Evaluation"). */
export function evaluationStoreContract(name: string, open: () => Promise<Stores>) {
	const withStores = (fn: (s: Stores) => Promise<void>) => async () => {
		const s = await open();
		try {
			await seed(s);
			await fn(s);
		} finally {
			await s.close();
		}
	};

	describe(`${name} evaluation store contract`, () => {
		it(
			'E1 completion report revisions are all kept, oldest first, per board',
			withStores(async (s) => {
				const r = { boardId: 'board-1', authorId: 'sec' };
				await s.evaluation.addReport({ ...r, id: 'rp-1', text: '初稿', at: 10 });
				await s.evaluation.addReport({ ...r, id: 'rp-2', text: '修订', at: 20 });
				const got = await s.evaluation.reports('board-1');
				expect(got.map((x) => [x.text, x.authorId, x.at])).toEqual([
					['初稿', 'sec', 10],
					['修订', 'sec', 20]
				]);
				expect(await s.evaluation.reports('board-2')).toEqual([]);
			})
		);

		it(
			'E2 one acceptance record per evaluator and round; only that evaluator id signs it',
			withStores(async (s) => {
				const inv = { boardId: 'board-1', round: 1, invitedBy: 'sec', invitedAt: 5 };
				expect(await s.evaluation.invite({ ...inv, evaluatorId: 'dep1' })).toBe(true);
				expect(await s.evaluation.invite({ ...inv, evaluatorId: 'dep1', invitedAt: 6 })).toBe(
					false
				);
				const sig = { verdict: 'pass_with_remarks', remarks: '扶手松动', at: 9 } as const;
				expect(await s.evaluation.sign('board-1', 1, 'dep2', sig)).toBe(false);
				expect(await s.evaluation.sign('board-1', 1, 'dep1', sig)).toBe(true);
				const [rec, ...rest] = await s.evaluation.acceptances('board-1');
				expect(rest).toEqual([]);
				expect(rec).toMatchObject({
					evaluatorId: 'dep1',
					invitedAt: 5,
					verdict: 'pass_with_remarks',
					remarks: '扶手松动',
					signedAt: 9
				});
				expect(await s.evaluation.invite({ ...inv, round: 2, evaluatorId: 'dep1' })).toBe(true);
			})
		);

		it(
			'E3 a survey opens once per round with its electorate frozen',
			withStores(async (s) => {
				expect(await s.evaluation.openSurvey(survey(), ['r1', 'r2', 'r1'])).toBe(true);
				expect(await s.evaluation.openSurvey(survey({ id: 'sv-dup' }), ['r3'])).toBe(false);
				expect(await s.evaluation.survey('sv-dup')).toBeNull();
				expect(await s.evaluation.electorateSize('sv-1')).toBe(2);
				expect(await s.evaluation.inElectorate('sv-1', 'r2')).toBe(true);
				expect(await s.evaluation.inElectorate('sv-1', 'r3')).toBe(false);
				expect(await s.evaluation.survey('sv-1')).toEqual(survey());
			})
		);

		it(
			'E4 one vote per elector, replaced by a later one; a non-elector cannot vote',
			withStores(async (s) => {
				await s.evaluation.openSurvey(survey(), ['r1', 'r2']);
				const v = { surveyId: 'sv-1', userId: 'r1', comment: '' };
				await s.evaluation.vote({ ...v, choice: 'dissatisfied', updatedAt: 200 });
				await s.evaluation.vote({ ...v, choice: 'satisfied', comment: '好', updatedAt: 300 });
				await expect(
					s.evaluation.vote({ ...v, userId: 'r3', choice: 'satisfied', updatedAt: 300 })
				).rejects.toThrow();
				expect(await s.evaluation.choices('sv-1')).toEqual(['satisfied']);
				expect(await s.evaluation.voteOf('sv-1', 'r1')).toEqual({
					...v,
					choice: 'satisfied',
					comment: '好',
					updatedAt: 300
				});
				expect(await s.evaluation.voteOf('sv-1', 'r2')).toBeNull();
			})
		);

		it(
			'E5 a survey closes once; due surveys are the open ones past their closing time',
			withStores(async (s) => {
				await s.evaluation.openSurvey(survey(), []);
				await s.evaluation.openSurvey(
					survey({ id: 'sv-2', boardId: 'board-2', closesAt: 5000 }),
					[]
				);
				expect((await s.evaluation.dueSurveys(999)).map((x) => x.id)).toEqual([]);
				expect((await s.evaluation.dueSurveys(1000)).map((x) => x.id)).toEqual(['sv-1']);
				const c = { at: 1001, by: null, outcome: 'rectification' } as const;
				expect(await s.evaluation.closeSurvey('sv-1', c)).toBe(true);
				expect(await s.evaluation.closeSurvey('sv-1', { ...c, outcome: 'passed' })).toBe(false);
				expect(await s.evaluation.survey('sv-1')).toMatchObject({
					closedAt: 1001,
					outcome: 'rectification'
				});
				expect(await s.evaluation.dueSurveys(9999)).toHaveLength(1);
			})
		);

		it(
			'E6 rectification items read back per board and round and are marked done once',
			withStores(async (s) => {
				const base = { boardId: 'board-1', createdBy: 'sec', createdAt: 50, doneAt: null };
				await s.evaluation.addRectification({
					...base,
					id: 'rx-1',
					round: 1,
					item: '补扶手',
					taskId: 't1'
				});
				await s.evaluation.addRectification({
					...base,
					id: 'rx-2',
					round: 1,
					item: '清理',
					taskId: 't2'
				});
				expect(await s.evaluation.markRectificationDone('rx-1', 70)).toBe(true);
				expect(await s.evaluation.markRectificationDone('rx-1', 80)).toBe(false);
				const got = await s.evaluation.rectifications('board-1');
				expect(got.map((r) => [r.id, r.taskId, r.doneAt])).toEqual([
					['rx-1', 't1', 70],
					['rx-2', 't2', null]
				]);
				expect(await s.evaluation.rectifications('board-2')).toEqual([]);
			})
		);
	});
}
