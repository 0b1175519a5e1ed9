import type { ProjectCategory, ProjectLevel } from '../../../src/lib/domain/board';
import { SATISFIED_CHOICES, type SurveyOutcome } from '../../../src/lib/domain/evaluation';
import { pledgeSnapshot, type ProjectStage } from '../../../src/lib/domain/projects';
import type { ProjectOverviewRow, ProjectOverviewStore } from '../ProjectOverviewStore';
import type { PgDatabase } from './PgDatabase';

interface Row {
	board_id: string;
	community_id: string;
	title: string;
	level: string;
	unit_id: string;
	category: string;
	stage: string;
	created_at: number;
	rev: number | null;
	rev_snapshot: string | null;
	rev_at: number | null;
	sv_round: number | null;
	sv_threshold: number | null;
	sv_outcome: string | null;
	sv_closed_at: number | null;
	sv_votes: number;
	sv_satisfied: number;
}

const toRow = (r: Row): ProjectOverviewRow => ({
	boardId: r.board_id,
	communityId: r.community_id,
	title: r.title,
	level: r.level as ProjectLevel,
	unitId: r.unit_id,
	category: r.category as ProjectCategory,
	stage: r.stage as ProjectStage,
	createdAt: r.created_at,
	pledge:
		r.rev === null
			? null
			: {
					...pledgeSnapshot(JSON.parse(r.rev_snapshot!) as Record<string, unknown>),
					revision: r.rev,
					at: r.rev_at!
				},
	survey:
		r.sv_round === null
			? null
			: {
					round: r.sv_round,
					threshold: r.sv_threshold!,
					outcome: r.sv_outcome as SurveyOutcome | null,
					votes: r.sv_votes,
					satisfied: r.sv_satisfied,
					closedAt: r.sv_closed_at!
				}
});

/** `$from, $from+1, …` for an IN list of n values. */
const marks = (n: number, from = 1) =>
	Array.from({ length: n }, (_, i) => `$${from + i}`).join(',');

/**
 * The overview's rows in one statement, as on SQLite: the latest revision and the latest closed
 * survey are picked by correlated subqueries on their keys (board_id, revision) and
 * (board_id, round), and the votes are counted in the database, never loaded.
 */
export class PgProjectOverviewStore implements ProjectOverviewStore {
	constructor(private readonly db: PgDatabase) {}

	async rows(communityIds: readonly string[], opts: { publishedOnly?: boolean } = {}) {
		if (communityIds.length === 0) return [];
		const satisfied = marks(SATISFIED_CHOICES.length);
		const communities = marks(communityIds.length, SATISFIED_CHOICES.length + 1);
		const rows = await this.db.query<Row>(
			`SELECT p.board_id, p.community_id, p.level, p.unit_id, p.category, p.stage,
				p.created_at, d.title,
				r.revision AS rev, r.snapshot AS rev_snapshot, r.at AS rev_at,
				s.round AS sv_round, s.threshold AS sv_threshold, s.outcome AS sv_outcome,
				s.closed_at AS sv_closed_at,
				(SELECT COUNT(*) FROM survey_votes v WHERE v.survey_id = s.id) AS sv_votes,
				(SELECT COUNT(*) FROM survey_votes v
				 WHERE v.survey_id = s.id AND v.choice IN (${satisfied})) AS sv_satisfied
			 FROM projects p
			 JOIN documents d ON d.id = p.board_id
			 LEFT JOIN pledge_revisions r ON r.board_id = p.board_id AND r.revision =
				(SELECT MAX(revision) FROM pledge_revisions WHERE board_id = p.board_id)
			 LEFT JOIN surveys s ON s.id =
				(SELECT id FROM surveys WHERE board_id = p.board_id AND closed_at IS NOT NULL
				 ORDER BY round DESC LIMIT 1)
			 WHERE p.community_id IN (${communities})
				${opts.publishedOnly ? "AND p.stage <> 'topic'" : ''}
			 ORDER BY p.created_at, p.board_id COLLATE "C"`,
			[...SATISFIED_CHOICES, ...communityIds]
		);
		return rows.map(toRow);
	}
}
