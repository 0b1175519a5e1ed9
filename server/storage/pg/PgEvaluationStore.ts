import type { SurveyChoice } from '../../../src/lib/domain/evaluation';
import type {
	AcceptanceRecord,
	CompletionReport,
	EvaluationStore,
	Rectification,
	Survey,
	SurveyVote
} from '../EvaluationStore';
import type { PgDatabase } from './PgDatabase';

type Row = Record<string, unknown>;

const toAcceptance = (r: Row): AcceptanceRecord => ({
	boardId: r.board_id as string,
	round: r.round as number,
	evaluatorId: r.evaluator_id as string,
	invitedBy: r.invited_by as string,
	invitedAt: r.invited_at as number,
	verdict: r.verdict as AcceptanceRecord['verdict'],
	remarks: r.remarks as string,
	signedAt: r.signed_at as number | null
});

const toSurvey = (r: Row): Survey => ({
	id: r.id as string,
	boardId: r.board_id as string,
	round: r.round as number,
	openedAt: r.opened_at as number,
	openedBy: r.opened_by as string,
	closesAt: r.closes_at as number,
	closedAt: r.closed_at as number | null,
	closedBy: r.closed_by as string | null,
	threshold: r.threshold as number,
	outcome: r.outcome as Survey['outcome']
});

const toRectification = (r: Row): Rectification => ({
	id: r.id as string,
	boardId: r.board_id as string,
	round: r.round as number,
	item: r.item as string,
	taskId: r.task_id as string,
	createdBy: r.created_by as string,
	createdAt: r.created_at as number,
	doneAt: r.done_at as number | null
});

/**
 * Evaluation records on PostgreSQL. Every "once" rule is one statement the database decides:
 * an insert that does nothing on a taken key, or an UPDATE whose WHERE names the state it
 * leaves (a racing second UPDATE waits for the row, re-reads it and matches nothing). Only
 * opening a survey, which writes the survey and its electorate, needs a transaction.
 */
export class PgEvaluationStore implements EvaluationStore {
	constructor(private readonly db: PgDatabase) {}

	async addReport(r: CompletionReport) {
		await this.db.run(
			'INSERT INTO completion_reports (id, board_id, text, author_id, at) VALUES ($1,$2,$3,$4,$5)',
			[r.id, r.boardId, r.text, r.authorId, r.at]
		);
	}

	async reports(boardId: string) {
		const rows = await this.db.query<Row>(
			'SELECT * FROM completion_reports WHERE board_id = $1 ORDER BY at, seq',
			[boardId]
		);
		return rows.map((r) => ({
			id: r.id as string,
			boardId: r.board_id as string,
			text: r.text as string,
			authorId: r.author_id as string,
			at: r.at as number
		}));
	}

	async invite(r: Omit<AcceptanceRecord, 'verdict' | 'remarks' | 'signedAt'>) {
		const added = await this.db.run(
			`INSERT INTO acceptance_records (board_id, round, evaluator_id, invited_by, invited_at)
			 VALUES ($1,$2,$3,$4,$5) ON CONFLICT (board_id, round, evaluator_id) DO NOTHING`,
			[r.boardId, r.round, r.evaluatorId, r.invitedBy, r.invitedAt]
		);
		return added === 1;
	}

	async sign(
		boardId: string,
		round: number,
		evaluatorId: string,
		s: { verdict: AcceptanceRecord['verdict']; remarks: string; at: number }
	) {
		// The evaluator's own id is part of the key: no statement here can touch another's record.
		const signed = await this.db.run(
			`UPDATE acceptance_records SET verdict = $1, remarks = $2, signed_at = $3
			 WHERE board_id = $4 AND round = $5 AND evaluator_id = $6`,
			[s.verdict, s.remarks, s.at, boardId, round, evaluatorId]
		);
		return signed === 1;
	}

	async acceptances(boardId: string) {
		const rows = await this.db.query<Row>(
			`SELECT * FROM acceptance_records WHERE board_id = $1
			 ORDER BY round, invited_at, evaluator_id COLLATE "C"`,
			[boardId]
		);
		return rows.map(toAcceptance);
	}

	async openSurvey(s: Survey, electorate: readonly string[]) {
		return this.db.transaction(async () => {
			// No conflict target: a taken id and a taken (board, round) both write nothing.
			const added = await this.db.run(
				`INSERT INTO surveys (id, board_id, round, opened_at, opened_by, closes_at, threshold)
				 VALUES ($1,$2,$3,$4,$5,$6,$7) ON CONFLICT DO NOTHING`,
				[s.id, s.boardId, s.round, s.openedAt, s.openedBy, s.closesAt, s.threshold]
			);
			if (added !== 1) return false;
			const voters = [...new Set(electorate)];
			if (voters.length > 0) {
				const rows = voters.map((_, i) => `($1, $${i + 2})`).join(',');
				await this.db.run(`INSERT INTO survey_electorate (survey_id, user_id) VALUES ${rows}`, [
					s.id,
					...voters
				]);
			}
			return true;
		});
	}

	async survey(id: string) {
		const r = await this.db.one<Row>('SELECT * FROM surveys WHERE id = $1', [id]);
		return r ? toSurvey(r) : null;
	}

	async surveys(boardId: string) {
		const rows = await this.db.query<Row>(
			'SELECT * FROM surveys WHERE board_id = $1 ORDER BY round',
			[boardId]
		);
		return rows.map(toSurvey);
	}

	async inElectorate(surveyId: string, userId: string) {
		const r = await this.db.one(
			'SELECT 1 FROM survey_electorate WHERE survey_id = $1 AND user_id = $2',
			[surveyId, userId]
		);
		return r !== undefined;
	}

	async electorateSize(surveyId: string) {
		const r = await this.db.one<{ n: number }>(
			'SELECT COUNT(*) AS n FROM survey_electorate WHERE survey_id = $1',
			[surveyId]
		);
		return r?.n ?? 0;
	}

	async vote(v: SurveyVote) {
		// The foreign key to the electorate refuses (throws for) a voter outside it.
		await this.db.run(
			`INSERT INTO survey_votes (survey_id, user_id, choice, comment, updated_at)
			 VALUES ($1,$2,$3,$4,$5)
			 ON CONFLICT (survey_id, user_id) DO UPDATE SET
			   choice = EXCLUDED.choice, comment = EXCLUDED.comment, updated_at = EXCLUDED.updated_at`,
			[v.surveyId, v.userId, v.choice, v.comment, v.updatedAt]
		);
	}

	async voteOf(surveyId: string, userId: string) {
		const r = await this.db.one<Row>(
			'SELECT * FROM survey_votes WHERE survey_id = $1 AND user_id = $2',
			[surveyId, userId]
		);
		return r
			? {
					surveyId,
					userId,
					choice: r.choice as SurveyChoice,
					comment: r.comment as string,
					updatedAt: r.updated_at as number
				}
			: null;
	}

	async choices(surveyId: string) {
		const rows = await this.db.query<{ choice: SurveyChoice }>(
			'SELECT choice FROM survey_votes WHERE survey_id = $1',
			[surveyId]
		);
		return rows.map((r) => r.choice);
	}

	async closeSurvey(id: string, c: { at: number; by: string | null; outcome: Survey['outcome'] }) {
		const closed = await this.db.run(
			`UPDATE surveys SET closed_at = $1, closed_by = $2, outcome = $3
			 WHERE id = $4 AND closed_at IS NULL`,
			[c.at, c.by, c.outcome, id]
		);
		return closed === 1;
	}

	async dueSurveys(now: number) {
		const rows = await this.db.query<Row>(
			'SELECT * FROM surveys WHERE closed_at IS NULL AND closes_at <= $1 ORDER BY closes_at',
			[now]
		);
		return rows.map(toSurvey);
	}

	async addRectification(r: Rectification) {
		await this.db.run(
			`INSERT INTO rectifications
			 (id, board_id, round, item, task_id, created_by, created_at, done_at)
			 VALUES ($1,$2,$3,$4,$5,$6,$7,$8)`,
			[r.id, r.boardId, r.round, r.item, r.taskId, r.createdBy, r.createdAt, r.doneAt]
		);
	}

	async rectifications(boardId: string) {
		const rows = await this.db.query<Row>(
			'SELECT * FROM rectifications WHERE board_id = $1 ORDER BY round, created_at, seq',
			[boardId]
		);
		return rows.map(toRectification);
	}

	async markRectificationDone(id: string, at: number) {
		const done = await this.db.run(
			'UPDATE rectifications SET done_at = $1 WHERE id = $2 AND done_at IS NULL',
			[at, id]
		);
		return done === 1;
	}
}
