import { describe, expect, it } from 'vitest';
import type { Survey } from '../../server/storage/EvaluationStore';
import { evaluationStoreContract } from '../contract/evaluationStoreContract';
import { pgDirect, seedCoreRows } from '../helpers/pgDirect';
import { pgStoresForFile } from '../helpers/pgStores';

const file = pgStoresForFile();
const direct = pgDirect(file);

evaluationStoreContract('PostgreSQL', file.open);

const survey = (over: Partial<Survey>): Survey => ({
	id: 'sv-1',
	boardId: 'b1',
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

/** A database with two store sets on it (two instances) and a plain client. */
async function twoInstances() {
	const url = await direct.database();
	const [a, b] = [await direct.stores(url), await direct.stores(url)];
	const sql = await direct.client(url);
	await seedCoreRows(sql, {
		units: [{ id: 'c', kind: 'community' }],
		users: ['sec', 'dep1', 'r1', 'r2', 'r3'],
		boards: [{ id: 'b1', communityId: 'c' }]
	});
	return { a, b, sql };
}

describe('PostgreSQL evaluation tables', () => {
	it('E3 two instances opening the same round at once: one survey, with only its own electorate', async () => {
		const { a, b, sql } = await twoInstances();
		let electors = 0;
		for (let round = 1; round <= 8; round++) {
			const won = await Promise.all([
				a.evaluation.openSurvey(survey({ id: `a${round}`, round }), ['r1', 'r2']),
				b.evaluation.openSurvey(survey({ id: `b${round}`, round }), ['r3'])
			]);
			expect(won.filter(Boolean), `round ${round}`).toHaveLength(1);
			const id = won[0] ? `a${round}` : `b${round}`;
			expect((await a.evaluation.surveys('b1')).map((s) => s.id).at(-1)).toBe(id);
			expect(await b.evaluation.electorateSize(id)).toBe(won[0] ? 2 : 1);
			electors += won[0] ? 2 : 1;
		}
		// The loser's electorate was never written: no elector row without its survey.
		const orphans = await sql.query(
			'SELECT 1 FROM survey_electorate e LEFT JOIN surveys s ON s.id = e.survey_id WHERE s.id IS NULL'
		);
		expect(orphans.rows).toEqual([]);
		const all = await sql.query('SELECT COUNT(*)::int AS n FROM survey_electorate');
		expect(all.rows).toEqual([{ n: electors }]);
	});

	it('E3 an electorate naming an unknown user opens nothing: survey and electors go together', async () => {
		const { a } = await twoInstances();
		await expect(a.evaluation.openSurvey(survey({}), ['r1', 'nobody'])).rejects.toThrow();
		expect(await a.evaluation.survey('sv-1')).toBeNull();
		expect(await a.evaluation.inElectorate('sv-1', 'r1')).toBe(false);
	});

	it('E5 and E6 two instances closing a survey, or marking an item done, at once: once each', async () => {
		const { a, b } = await twoInstances();
		for (let round = 1; round <= 8; round++) {
			await a.evaluation.openSurvey(survey({ id: `sv${round}`, round }), []);
			const closed = await Promise.all([
				a.evaluation.closeSurvey(`sv${round}`, { at: 1, by: 'sec', outcome: 'passed' }),
				b.evaluation.closeSurvey(`sv${round}`, { at: 2, by: null, outcome: 'rectification' })
			]);
			expect(closed.filter(Boolean)).toHaveLength(1);
			expect(await a.evaluation.survey(`sv${round}`)).toMatchObject(
				closed[0] ? { closedAt: 1, outcome: 'passed' } : { closedAt: 2, outcome: 'rectification' }
			);
			await a.evaluation.addRectification({
				id: `rx${round}`,
				boardId: 'b1',
				round,
				item: 'i',
				taskId: 't',
				createdBy: 'sec',
				createdAt: 1,
				doneAt: null
			});
			const done = await Promise.all([
				a.evaluation.markRectificationDone(`rx${round}`, 10),
				b.evaluation.markRectificationDone(`rx${round}`, 20)
			]);
			expect(done.filter(Boolean)).toHaveLength(1);
		}
	});

	it('E4 the database itself refuses a vote from outside the electorate, whoever asks', async () => {
		const { a, sql } = await twoInstances();
		await a.evaluation.openSurvey(survey({}), ['r1']);
		await expect(
			sql.query(
				"INSERT INTO survey_votes (survey_id, user_id, choice, updated_at) VALUES ('sv-1', 'r2', 'satisfied', 1)"
			)
		).rejects.toThrow(/foreign key/);
		await sql.query(
			"INSERT INTO survey_votes (survey_id, user_id, choice, updated_at) VALUES ('sv-1', 'r1', 'satisfied', 1)"
		);
		expect(await a.evaluation.choices('sv-1')).toEqual(['satisfied']);
	});

	it('E2 two instances inviting the same evaluator at once: one record', async () => {
		const { a, b } = await twoInstances();
		for (let round = 1; round <= 8; round++) {
			const inv = { boardId: 'b1', round, evaluatorId: 'dep1', invitedBy: 'sec' };
			const won = await Promise.all([
				a.evaluation.invite({ ...inv, invitedAt: 1 }),
				b.evaluation.invite({ ...inv, invitedAt: 2 })
			]);
			expect(won.filter(Boolean)).toHaveLength(1);
		}
		expect(await a.evaluation.acceptances('b1')).toHaveLength(8);
	});
});
