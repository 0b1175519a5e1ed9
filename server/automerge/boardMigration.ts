import type * as A from '@automerge/automerge';
import { migrateBoard, type BoardDefaults } from '../../src/lib/domain/migrateBoard';
import { BOARD_SCHEMA_VERSION } from '../../src/lib/domain/board';
import type { Stores } from '../storage/Stores';
import type { ServerMadeChange } from './BoardRoom';
import { SYSTEM_AUTHOR } from './serverChange';

/**
 * The migration a board room runs when it loads a board stored in an older schema: one server
 * change, authored `system:migration`, made before any peer is sent the board. What v1 did not
 * say (level, owning unit, linked problems) comes from the server's own records.
 */
export function boardMigration(stores: Pick<Stores, 'documents' | 'demands'>) {
	return async (doc: A.Doc<unknown>, documentId: string): Promise<ServerMadeChange | null> => {
		const version = (doc as { schemaVersion?: unknown }).schemaVersion;
		if (typeof version !== 'number' || version >= BOARD_SCHEMA_VERSION) return null;
		const record = await stores.documents.get(documentId);
		if (!record || record.kind !== 'board') return null;
		const problems = await stores.demands.problems(record.communityId);
		const defaults: BoardDefaults = {
			level: 'community',
			unitId: record.communityId,
			// v1 had no category: "other" until the secretary says (not a guess that skews counts).
			category: 'other',
			problemIds: problems.filter((p) => p.boardId === documentId).map((p) => p.id)
		};
		return {
			change: (d) => {
				migrateBoard(d, defaults);
			},
			userId: SYSTEM_AUTHOR.migration
		};
	};
}
