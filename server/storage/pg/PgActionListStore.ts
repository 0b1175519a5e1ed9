import type { ActionList, ActionListStore } from '../ActionListStore';
import type { PgDatabase } from './PgDatabase';

interface Row {
	community_id: string;
	board_id: string;
	created_by: string;
	created_at: number;
}

const toList = (r: Row): ActionList => ({
	communityId: r.community_id,
	boardId: r.board_id,
	createdBy: r.created_by,
	createdAt: r.created_at
});

export class PgActionListStore implements ActionListStore {
	constructor(private readonly db: PgDatabase) {}

	async create(list: ActionList) {
		// One statement: two first visits racing (on any instances) make one list; the second
		// waits for the first to commit and then inserts nothing, like SQLite's INSERT OR IGNORE.
		const inserted = await this.db.run(
			`INSERT INTO action_lists (community_id, board_id, created_by, created_at)
			 VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING`,
			[list.communityId, list.boardId, list.createdBy, list.createdAt]
		);
		return inserted === 1;
	}

	async ofCommunity(communityId: string) {
		const r = await this.db.one<Row>('SELECT * FROM action_lists WHERE community_id = $1', [
			communityId
		]);
		return r ? toList(r) : null;
	}

	async byBoard(boardId: string) {
		const r = await this.db.one<Row>('SELECT * FROM action_lists WHERE board_id = $1', [boardId]);
		return r ? toList(r) : null;
	}
}
