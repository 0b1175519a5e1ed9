import type { ActionList, ActionListStore } from '../ActionListStore';
import type { SqliteDatabase } from './SqliteDatabase';

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

export class SqliteActionListStore implements ActionListStore {
	constructor(private readonly sql: SqliteDatabase) {}

	async create(list: ActionList) {
		const r = await this.sql.write(() =>
			this.sql.db
				.prepare(
					`INSERT OR IGNORE INTO action_lists (community_id, board_id, created_by, created_at)
					 VALUES (?, ?, ?, ?)`
				)
				.run(list.communityId, list.boardId, list.createdBy, list.createdAt)
		);
		return r.changes === 1;
	}

	async ofCommunity(communityId: string) {
		const r = this.sql.db
			.prepare('SELECT * FROM action_lists WHERE community_id = ?')
			.get(communityId) as Row | undefined;
		return r ? toList(r) : null;
	}

	async byBoard(boardId: string) {
		const r = this.sql.db.prepare('SELECT * FROM action_lists WHERE board_id = ?').get(boardId) as
			Row | undefined;
		return r ? toList(r) : null;
	}
}
