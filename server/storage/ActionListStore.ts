/**
 * A community's action list (行动清单): a board document of tasks that belong to no project. The
 * row is what marks the board as one, so it never becomes a project and has no stage.
 */
export interface ActionList {
	communityId: string;
	boardId: string;
	createdBy: string;
	createdAt: number;
}

export interface ActionListStore {
	/** False when the community already has one (two first visits racing make one list). */
	create(list: ActionList): Promise<boolean>;
	ofCommunity(communityId: string): Promise<ActionList | null>;
	byBoard(boardId: string): Promise<ActionList | null>;
}
