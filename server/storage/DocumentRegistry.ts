import type { DocumentRecord } from './types';

export interface DocumentRegistry {
	register(doc: Omit<DocumentRecord, 'createdAt'>): Promise<DocumentRecord>;
	get(id: string): Promise<DocumentRecord | null>;
	inCommunities(communityIds: readonly string[]): Promise<DocumentRecord[]>;
}
