/** A server file attached to a board (a progress photo): who attached it, and when. */
export interface BoardFile {
	docId: string;
	fileId: string;
	userId: string;
	at: number;
}

/**
 * Which files belong to which board. The row, never the board document, is what lets a board's
 * readers (and, once the project is published, anyone) fetch a file.
 */
export interface BoardFileStore {
	/** False (nothing written) when the file is already attached to that board. */
	attach(a: BoardFile): Promise<boolean>;
	/** The boards a file is attached to, oldest attachment first. */
	boardsOf(fileId: string): Promise<string[]>;
	/** A board's attachments, oldest first. */
	ofBoard(docId: string): Promise<BoardFile[]>;
}
