import type { DocumentRecord } from './types';

export interface DocumentRegistry {
	register(doc: Omit<DocumentRecord, 'createdAt'>): Promise<DocumentRecord>;
	get(id: string): Promise<DocumentRecord | null>;
	/** Changes a document's title (an agenda follows its meeting's); false if there is none. */
	retitle(id: string, title: string): Promise<boolean>;
	inCommunities(communityIds: readonly string[]): Promise<DocumentRecord[]>;
}
