import { describe, expect, it } from 'vitest';
import type { Stores } from '../../server/storage/Stores';
import type { PledgeSnapshot } from '../../src/lib/domain/projects';

const pledge = (deadline: string): PledgeSnapshot => ({
	goal: 'g',
	measures: 'm',
	responsible: ['王'],
	deadline,
	budget: '',
	fundingSources: []
});

async function seed(s: Stores) {
	for (const id of ['c1', 'c2'])
		await s.org.addUnit({ id, parentId: null, kind: 'community', name: id, nameEn: id });
	for (const id of ['sec', 'r1', 'r2', 'r3'])
		await s.users.create({ id, username: id, displayName: id, passwordHash: 'x' });
	const boards: [string, string][] = [
		['b-topic', 'c1'],
		['b-live', 'c1'],
		['b-other', 'c2']
	];
	for (const [id, communityId] of boards) {
		await s.documents.register({
			id,
			kind: 'board',
			communityId,
			title: `标题 ${id}`,
			schemaVersion: 2,
			createdBy: 'sec'
		});
		await s.projects.create({
			boardId: id,
			communityId,
			level: 'community',
			unitId: communityId,
			category: 'livelihood',
			stage: 'topic',
			createdBy: 'sec',
			createdAt: boards.findIndex((b) => b[0] === id),
			updatedAt: 0
		});
	}
	const by = { reason: null, authorId: 'sec', at: 5 };
	await s.projects.addRevision({
		boardId: 'b-live',
		revision: 1,
		snapshot: pledge('2027-01-01'),
		...by
	});
	await s.projects.moveStage('b-live', 'topic', 'pledge', by);
	await s.projects.addRevision({
		boardId: 'b-live',
		revision: 2,
		snapshot: pledge('2027-03-01'),
		...by,
		reason: '延期'
	});
}

async function closedSurvey(
	s: Stores,
	id: string,
	round: number,
	choices: string[],
	outcome: 'passed' | 'rectification' | null
) {
	const voters = ['r1', 'r2', 'r3'].slice(0, choices.length);
	await s.evaluation.openSurvey(
		{
			id,
			boardId: 'b-live',
			round,
			openedAt: round,
			openedBy: 'sec',
			closesAt: 100,
			closedAt: null,
			closedBy: null,
			threshold: 0.8,
			outcome: null
		},
		['r1', 'r2', 'r3']
	);
	for (const [i, choice] of choices.entries())
		await s.evaluation.vote({
			surveyId: id,
			userId: voters[i]!,
			choice: choice as 'satisfied',
			comment: '',
			updatedAt: 1
		});
	if (outcome) await s.evaluation.closeSurvey(id, { at: 50 + round, by: 'sec', outcome });
}

/** The contract of ProjectOverviewStore. Rule ids refer to SPEC.md ("Project overview"). */
export function projectOverviewStoreContract(name: string, open: () => Promise<Stores>) {
	const withStores = (fn: (s: Stores) => Promise<void>) => async () => {
		const s = await open();
		try {
			await seed(s);
			await fn(s);
		} finally {
			await s.close();
		}
	};

	describe(`${name} project overview store contract`, () => {
		it(
			'O1 rows of the given communities only, oldest first, with the registered title',
			withStores(async (s) => {
				const rows = await s.projectOverview.rows(['c1']);
				expect(rows.map((r) => [r.boardId, r.title, r.stage])).toEqual([
					['b-topic', '标题 b-topic', 'topic'],
					['b-live', '标题 b-live', 'pledge']
				]);
				expect(await s.projectOverview.rows([])).toEqual([]);
			})
		);

		it(
			'O2 the pledge is the latest published revision; none before the first',
			withStores(async (s) => {
				const [topic, live] = await s.projectOverview.rows(['c1']);
				expect(topic!.pledge).toBeNull();
				expect(live!.pledge).toMatchObject({
					revision: 2,
					deadline: '2027-03-01',
					responsible: ['王']
				});
			})
		);

		it(
			'O3 publishedOnly leaves out the topic stage',
			withStores(async (s) => {
				const rows = await s.projectOverview.rows(['c1', 'c2'], { publishedOnly: true });
				expect(rows.map((r) => r.boardId)).toEqual(['b-live']);
			})
		);

		it(
			'O4 the survey is the highest closed round, with its votes and satisfied votes counted',
			withStores(async (s) => {
				expect((await s.projectOverview.rows(['c1']))[1]!.survey).toBeNull();
				await closedSurvey(s, 'sv-1', 1, ['satisfied', 'neutral', 'dissatisfied'], 'rectification');
				await closedSurvey(s, 'sv-2', 2, ['very_satisfied', 'satisfied', 'neutral'], 'passed');
				// An open third round does not count until it closes.
				await closedSurvey(s, 'sv-3', 3, ['neutral'], null);
				const live = (await s.projectOverview.rows(['c1']))[1]!;
				expect(live.survey).toEqual({
					round: 2,
					threshold: 0.8,
					outcome: 'passed',
					votes: 3,
					satisfied: 2,
					closedAt: 52
				});
			})
		);
	});
}
