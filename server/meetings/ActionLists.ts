import { accessFor } from '../../src/lib/domain/policy';
import { meetingsZh } from '../../src/lib/i18n/zh-CN/meetings';
import type { AccessService } from '../access/AccessService';
import type { MetricsHelpers } from '../metrics/MetricsHelpers';
import type { Stores } from '../storage/Stores';
import { MeetingError } from './MeetingError';

/** The server writes the list's first changes; no person made it. */
export const ACTION_LIST_AUTHOR = 'system:action-list';

/**
 * Each community's action list (行动清单): one board document of tasks that belong to no
 * project, made the first time anyone who may read the community's boards asks for it. The
 * `action_lists` row marks the board, so it never becomes a project and has no stage.
 */
export class ActionLists {
	constructor(
		private readonly deps: {
			stores: Stores;
			access: AccessService;
			metrics: Pick<MetricsHelpers, 'createBoard'>;
			now(): number;
		}
	) {}

	/** The community's list board id, made now if it has none; not_found for a non-reader. */
	async ensure(userId: string, communityId: string): Promise<string> {
		const { stores, access } = this.deps;
		const community = await stores.org.unit(communityId);
		if (community?.kind !== 'community') throw new MeetingError('not_found');
		if (accessFor('board', await access.rolesIn(userId, communityId)) === 'none')
			throw new MeetingError('not_found');
		return this.ensureFor(communityId);
	}

	/**
	 * The community's list board id, made now if it has none, for the server's own use (a
	 * minuted decision becoming a task): no user is asked. The caller checked the community.
	 */
	async ensureFor(communityId: string): Promise<string> {
		const { stores } = this.deps;
		const found = await stores.actionLists.ofCommunity(communityId);
		if (found) return found.boardId;
		// One transaction (transactions are serialised): two first visits make one board.
		return stores.transaction(async () => {
			const again = await stores.actionLists.ofCommunity(communityId);
			if (again) return again.boardId;
			const boardId = await this.deps.metrics.createBoard({
				communityId,
				title: meetingsZh.meetings.actionList.title,
				createdBy: ACTION_LIST_AUTHOR,
				category: 'governance'
			});
			await stores.actionLists.create({
				communityId,
				boardId,
				createdBy: ACTION_LIST_AUTHOR,
				createdAt: this.deps.now()
			});
			return boardId;
		});
	}

	async isActionList(boardId: string): Promise<boolean> {
		return (await this.deps.stores.actionLists.byBoard(boardId)) !== null;
	}
}
