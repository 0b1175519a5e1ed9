import type { SurveyChoice } from '../../../src/lib/domain/evaluation';
import type {
	AcceptanceRecord,
	CompletionReport,
	EvaluationStore,
	Rectification,
	Survey,
	SurveyVote
} from '../EvaluationStore';
import type { SqliteDatabase } from './SqliteDatabase';

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

export class SqliteEvaluationStore implements EvaluationStore {
	constructor(private readonly sql: SqliteDatabase) {}

	async addReport(r: CompletionReport) {
		await this.sql.write(() =>
			this.sql.db
				.prepare(
					'INSERT INTO completion_reports (id, board_id, text, author_id, at) VALUES (?,?,?,?,?)'
				)
				.run(r.id, r.boardId, r.text, r.authorId, r.at)
		);
	}

	async reports(boardId: string) {
		const rows = this.sql.db
			.prepare('SELECT * FROM completion_reports WHERE board_id = ? ORDER BY at, rowid')
			.all(boardId) as Row[];
		return rows.map((r) => ({
			id: r.id as string,
			boardId: r.board_id as string,
			text: r.text as string,
			authorId: r.author_id as string,
			at: r.at as number
		}));
	}

	async invite(r: Omit<AcceptanceRecord, 'verdict' | 'remarks' | 'signedAt'>) {
		return this.sql.write(
			() =>
				this.sql.db
					.prepare(
						`INSERT OR IGNORE INTO acceptance_records
						 (board_id, round, evaluator_id, invited_by, invited_at) VALUES (?,?,?,?,?)`
					)
					.run(r.boardId, r.round, r.evaluatorId, r.invitedBy, r.invitedAt).changes === 1
		);
	}

	async sign(
		boardId: string,
		round: number,
		evaluatorId: string,
		s: { verdict: AcceptanceRecord['verdict']; remarks: string; at: number }
	) {
		// The evaluator's own id is part of the key: no statement here can touch another's record.
		return this.sql.write(
			() =>
				this.sql.db
					.prepare(
						`UPDATE acceptance_records SET verdict = ?, remarks = ?, signed_at = ?
						 WHERE board_id = ? AND round = ? AND evaluator_id = ?`
					)
					.run(s.verdict, s.remarks, s.at, boardId, round, evaluatorId).changes === 1
		);
	}

	async acceptances(boardId: string) {
		const rows = this.sql.db
			.prepare(
				'SELECT * FROM acceptance_records WHERE board_id = ? ORDER BY round, invited_at, evaluator_id'
			)
			.all(boardId) as Row[];
		return rows.map(toAcceptance);
	}

	async openSurvey(s: Survey, electorate: readonly string[]) {
		const { db } = this.sql;
		const open = db.transaction(() => {
			const added = db
				.prepare(
					`INSERT OR IGNORE INTO surveys
					 (id, board_id, round, opened_at, opened_by, closes_at, threshold) VALUES (?,?,?,?,?,?,?)`
				)
				.run(s.id, s.boardId, s.round, s.openedAt, s.openedBy, s.closesAt, s.threshold);
			if (added.changes !== 1) return false;
			const elector = db.prepare(
				'INSERT INTO survey_electorate (survey_id, user_id) VALUES (?, ?)'
			);
			for (const userId of new Set(electorate)) elector.run(s.id, userId);
			return true;
		});
		return this.sql.write(() => open());
	}

	async survey(id: string) {
		const r = this.sql.db.prepare('SELECT * FROM surveys WHERE id = ?').get(id) as Row | undefined;
		return r ? toSurvey(r) : null;
	}

	async surveys(boardId: string) {
		const rows = this.sql.db
			.prepare('SELECT * FROM surveys WHERE board_id = ? ORDER BY round')
			.all(boardId) as Row[];
		return rows.map(toSurvey);
	}

	async inElectorate(surveyId: string, userId: string) {
		return !!this.sql.db
			.prepare('SELECT 1 FROM survey_electorate WHERE survey_id = ? AND user_id = ?')
			.get(surveyId, userId);
	}

	async electorateSize(surveyId: string) {
		const r = this.sql.db
			.prepare('SELECT COUNT(*) AS n FROM survey_electorate WHERE survey_id = ?')
			.get(surveyId) as { n: number };
		return r.n;
	}

	async vote(v: SurveyVote) {
		await this.sql.write(() =>
			this.sql.db
				.prepare(
					`INSERT INTO survey_votes (survey_id, user_id, choice, comment, updated_at)
					 VALUES (?,?,?,?,?)
					 ON CONFLICT (survey_id, user_id) DO UPDATE SET
					   choice = excluded.choice, comment = excluded.comment, updated_at = excluded.updated_at`
				)
				.run(v.surveyId, v.userId, v.choice, v.comment, v.updatedAt)
		);
	}

	async voteOf(surveyId: string, userId: string) {
		const r = this.sql.db
			.prepare('SELECT * FROM survey_votes WHERE survey_id = ? AND user_id = ?')
			.get(surveyId, userId) as Row | undefined;
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
		const rows = this.sql.db
			.prepare('SELECT choice FROM survey_votes WHERE survey_id = ?')
			.all(surveyId) as { choice: SurveyChoice }[];
		return rows.map((r) => r.choice);
	}

	async closeSurvey(id: string, c: { at: number; by: string | null; outcome: Survey['outcome'] }) {
		return this.sql.write(
			() =>
				this.sql.db
					.prepare(
						`UPDATE surveys SET closed_at = ?, closed_by = ?, outcome = ?
						 WHERE id = ? AND closed_at IS NULL`
					)
					.run(c.at, c.by, c.outcome, id).changes === 1
		);
	}

	async dueSurveys(now: number) {
		const rows = this.sql.db
			.prepare(
				'SELECT * FROM surveys WHERE closed_at IS NULL AND closes_at <= ? ORDER BY closes_at'
			)
			.all(now) as Row[];
		return rows.map(toSurvey);
	}

	async addRectification(r: Rectification) {
		await this.sql.write(() =>
			this.sql.db
				.prepare(
					`INSERT INTO rectifications
					 (id, board_id, round, item, task_id, created_by, created_at, done_at) VALUES (?,?,?,?,?,?,?,?)`
				)
				.run(r.id, r.boardId, r.round, r.item, r.taskId, r.createdBy, r.createdAt, r.doneAt)
		);
	}

	async rectifications(boardId: string) {
		const rows = this.sql.db
			.prepare('SELECT * FROM rectifications WHERE board_id = ? ORDER BY round, created_at, rowid')
			.all(boardId) as Row[];
		return rows.map(toRectification);
	}

	async markRectificationDone(id: string, at: number) {
		return this.sql.write(
			() =>
				this.sql.db
					.prepare('UPDATE rectifications SET done_at = ? WHERE id = ? AND done_at IS NULL')
					.run(at, id).changes === 1
		);
	}
}
