import type { Messages } from './zh-CN';

export const en: Messages = {
	app: {
		name: 'Gongzhi',
		tagline: 'Joint office for neighbourhood governance'
	},
	sync: {
		online: 'Online',
		offline: 'Offline',
		connecting: 'Connecting…',
		pending: 'Changes waiting to sync',
		synced: 'All changes synced',
		readOnly: 'Read only',
		newerSchema:
			'This document was made by a newer version. Update the app to edit it; it is open read-only.',
		contentError:
			'This document holds content this version cannot show. It is read-only so nothing is lost. Please update the app.',
		logoutDiscard: 'Some changes have not reached the server. Logging out discards them. Log out?',
		notAvailable: 'This document is not on this device and the server cannot be reached.'
	},
	agenda: {
		title: 'Meeting agenda',
		present: 'Present',
		viewers: (n: number) => `${n} following`,
		nobody: 'Nobody else yet',
		editorLabel: 'Agenda text',
		loading: 'Opening the agenda…',
		roles: {
			secretary: 'Secretary',
			residents_committee: 'Residents’ committee',
			owners_committee: 'Owners’ committee',
			property_company: 'Property company',
			party_member: 'Party member',
			resident: 'Resident',
			deputy: 'Deputy'
		}
	},
	board: {
		title: 'Secretary project board',
		pledge: 'Pledge',
		goal: 'Goal',
		measures: 'Measures',
		owner: 'Responsible',
		deadline: 'Deadline',
		tasks: 'Tasks',
		columns: { todo: 'To do', doing: 'Doing', done: 'Done' },
		addTask: 'Add a task',
		newTaskTitle: 'Task name',
		add: 'Add',
		moveTo: 'Move to',
		markDone: 'Done',
		notes: 'Notes',
		due: 'Due',
		empty: 'No tasks',
		loading: 'Opening the board…'
	}
};
