import type { BoardFile, BoardFileStore } from '../BoardFileStore';
import type { PgDatabase } from './PgDatabase';

interface Row {
	doc_id: string;
	file_id: string;
	user_id: string;
	at: number;
}

/** Board attachments on PostgreSQL: the foreign keys refuse an unknown board, file or user. */
export class PgBoardFileStore implements BoardFileStore {
	constructor(private readonly db: PgDatabase) {}

	async attach(a: BoardFile) {
		const added = await this.db.run(
			`INSERT INTO board_files (doc_id, file_id, user_id, at) VALUES ($1, $2, $3, $4)
			 ON CONFLICT (doc_id, file_id) DO NOTHING`,
			[a.docId, a.fileId, a.userId, a.at]
		);
		return added === 1;
	}

	async boardsOf(fileId: string) {
		const rows = await this.db.query<Pick<Row, 'doc_id'>>(
			'SELECT doc_id FROM board_files WHERE file_id = $1 ORDER BY at, doc_id COLLATE "C"',
			[fileId]
		);
		return rows.map((r) => r.doc_id);
	}

	async ofBoard(docId: string) {
		const rows = await this.db.query<Row>(
			'SELECT * FROM board_files WHERE doc_id = $1 ORDER BY at, file_id COLLATE "C"',
			[docId]
		);
		return rows.map((r) => ({ docId: r.doc_id, fileId: r.file_id, userId: r.user_id, at: r.at }));
	}
}
