/**
 * Uploaded files (photos of demands and of their resolution). The bytes live in the data
 * directory under their id; this record says whose they are and what they are. Only images whose
 * metadata was stripped on the server are ever stored.
 */
export interface StoredFile {
	/** Random id, also the file's name on disk. */
	id: string;
	communityId: string;
	ownerId: string;
	type: string;
	size: number;
	sha256: string;
	createdAt: number;
}

export interface FileStore {
	put(meta: Omit<StoredFile, 'size' | 'sha256'>, bytes: Uint8Array): Promise<StoredFile>;
	meta(id: string): Promise<StoredFile | null>;
	read(id: string): Promise<Uint8Array | null>;
}
