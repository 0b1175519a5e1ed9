import type { BoardFile, BoardFileStore } from '../BoardFileStore';
import type { SqliteDatabase } from './SqliteDatabase';

interface Row {
	doc_id: string;
	file_id: string;
	user_id: string;
	at: number;
}

export class SqliteBoardFileStore implements BoardFileStore {
	constructor(private readonly sql: SqliteDatabase) {}

	async attach(a: BoardFile) {
		const r = await this.sql.write(() =>
			this.sql.db
				.prepare(
					'INSERT OR IGNORE INTO board_files (doc_id, file_id, user_id, at) VALUES (?, ?, ?, ?)'
				)
				.run(a.docId, a.fileId, a.userId, a.at)
		);
		return r.changes === 1;
	}

	async boardsOf(fileId: string) {
		const rows = this.sql.db
			.prepare('SELECT doc_id FROM board_files WHERE file_id = ? ORDER BY at, doc_id')
			.all(fileId) as Pick<Row, 'doc_id'>[];
		return rows.map((r) => r.doc_id);
	}

	async ofBoard(docId: string) {
		const rows = this.sql.db
			.prepare('SELECT * FROM board_files WHERE doc_id = ? ORDER BY at, file_id')
			.all(docId) as Row[];
		return rows.map((r) => ({ docId: r.doc_id, fileId: r.file_id, userId: r.user_id, at: r.at }));
	}
}
