import type { agendaItemsZh } from '../zh-CN/agendaItems';

export const agendaItemsEn: typeof agendaItemsZh = {
	agendaItems: {
		add: 'Add item',
		badge: 'Item',
		topicHint: 'Topic',
		notes: 'Discussion notes',
		raisedBy: 'Raised by',
		link: 'Linked to',
		noLink: 'Nothing',
		demand: 'Demand',
		project: 'Secretary project',
		minutes: 'Time (minutes)',
		decision: 'Decision',
		decisions: {
			agreed: 'Agreed',
			deferred: 'Deferred',
			rejected: 'Rejected'
		},
		owner: 'Owner',
		remove: 'Delete',
		confirmRemove: 'Delete this item with its notes?',
		ownerGroups: { committee: 'Committees', person: 'Committee members' },
		due: 'Due',
		unset: 'Not set',
		listTitle: 'Items and decisions',
		listHint:
			"Who wrote an item comes from the server's record; each committee can sign each item separately.",
		none: 'The agenda has no items yet.',
		writtenBy: (committee: string, name: string) => `${committee} · ${name}`,
		unknownAuthor: 'Author unknown',
		task: 'Task',
		taskStates: {
			todo: 'To do',
			doing: 'In progress',
			done: 'Done',
			waived: 'Waived'
		},
		taskMissing: 'Task deleted from the board',
		noTask: 'No task yet (made when minuted)',
		noTaskRecorded: 'No task on record',
		openTask: 'Open task',
		actionList: 'Action list',
		itemSigned: (committee: string, name: string) => `${committee} signed (${name})`,
		signItem: (committee: string) => `Sign for ${committee}`,
		withdraw: 'Withdraw',
		taskNote: (url: string) => `From a joint meeting item: ${url}`
	}
};
