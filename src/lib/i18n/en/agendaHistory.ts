import type { agendaHistoryZh } from '../zh-CN/agendaHistory';

export const agendaHistoryEn: typeof agendaHistoryZh = {
	minutes: {
		heading: 'Minutes of the joint meeting',
		section: 'Minutes and versions',
		exportPdf: 'Export minutes (PDF)',
		exportDocx: 'Export minutes (Word)',
		exportHint: 'Made from the current agenda, with each item’s decision, owner and due date.',
		file: (title) => `${title}-minutes`,
		when: 'Time',
		place: 'Place',
		community: 'Community',
		attendees: 'Committees attending',
		others: 'Other parties',
		state: 'State',
		revision: (n) => `Agenda revision ${n}`,
		correction: (reason) => `Reason for correction: ${reason}`,
		versionNote: (name, at) =>
			`Made from the named version “${name}” (saved ${at}); not the final minutes.`,
		items: 'Items and decisions',
		item: (n) => `Item ${n}`,
		topic: 'Topic',
		raisedBy: 'Raised by',
		notes: 'Discussion',
		decision: 'Decision',
		owner: 'Owner',
		due: 'Due',
		signedItem: 'Agreed by',
		decisions: { agreed: 'Agreed', deferred: 'Deferred', rejected: 'Rejected' },
		none: 'None',
		unknownPerson: '(not of this community)',
		content: 'Content',
		noContent: 'The agenda is empty.',
		signatures: 'Committee signatures',
		signedBy: (name, at) => `${name} (${at})`,
		notSigned: 'Not signed',
		generated: (at) => `Generated ${at} (Beijing time)`,
		page: (n, of) => `Page ${n} of ${of}`,
		noFont:
			'The server has no Chinese font, so it cannot make the PDF minutes. Ask the operator to install one (e.g. fonts-noto-cjk).'
	},
	versions: {
		title: 'Named versions',
		link: 'Named versions',
		intro:
			'Save the agenda as it is now under a name (e.g. “final before the meeting”) to compare or restore it later.',
		name: 'Version name',
		namePlaceholder: 'e.g. final before the meeting',
		save: 'Save the current content as a named version',
		none: 'No named versions yet.',
		savedBy: (name, at) => `Saved by ${name} on ${at}`,
		beforeRestore: 'Saved automatically before a restore',
		autoName: (name) => `Before restoring “${name}”`,
		view: 'Compare',
		back: 'Back to the versions',
		backToAgenda: 'Back to the agenda',
		versionSide: (name) => `Version “${name}”`,
		currentSide: 'Current content',
		changed: 'Differs from the other side',
		legend: 'Highlighted blocks differ between the two sides.',
		restore: 'Restore this version',
		restoreConfirm:
			'Restoring replaces the agenda’s content with this version, as your edit, seen by everyone. The content it replaces is saved as a named version first, so it can be restored too. Go ahead?',
		restoring: 'Restoring…',
		restored: 'Restored. The agenda now holds this version.',
		undo: 'Undo this restore',
		undone: 'Undone.',
		readOnly: 'You can view versions, but not save or restore them.',
		closed: 'The agenda is minuted or superseded: versions can no longer be saved or restored.',
		invalid: {
			name: 'Enter a version name (up to 40 characters, one line).'
		},
		refused: {
			too_many: 'This agenda already has the most named versions allowed (30).',
			closed: 'The agenda is minuted or superseded: versions can no longer be saved or restored.',
			forbidden: 'You may not do this.',
			offline: 'The server cannot be reached; the restore did not complete. Try again later.'
		}
	}
};
