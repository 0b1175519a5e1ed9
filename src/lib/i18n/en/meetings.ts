import type { meetingsZh } from '../zh-CN/meetings';

export const meetingsEn: typeof meetingsZh = {
	meetings: {
		title: 'Joint meetings',
		homeLink: 'Joint meetings',
		listTitle: (community) => `${community} · Joint meetings`,
		none: 'No meetings yet.',
		states: {
			draft: 'Draft',
			published: 'Published',
			in_session: 'In session',
			minuted: 'Minuted',
			correcting: 'Being corrected'
		},
		create: {
			title: 'New meeting',
			name: 'Title',
			date: 'Date',
			time: 'Time (Beijing)',
			place: 'Place',
			committees: 'Attending committees',
			otherParties: 'Other parties',
			otherPartiesHint: 'One per line, e.g. local units, social organisations',
			submit: 'Create meeting (draft)'
		},
		invalid: {
			title: 'Enter a title (up to 60 characters).',
			when: 'Enter a valid date and time.',
			place: 'Enter a place (up to 60 characters).',
			committees: 'Choose at least one attending committee.',
			otherParties: 'At most 12 other parties, each up to 40 characters.',
			reason: 'Enter the reason for the correction.',
			committee: 'Choose a committee.'
		},
		refused: {
			skip: 'A meeting moves one step at a time; steps cannot be skipped.',
			state: 'The meeting’s state does not allow this now.',
			already_signed: 'That committee has already signed.',
			not_member: 'You can only sign for a committee you belong to.',
			not_attending: 'That committee does not attend this meeting.',
			not_signer: 'You can only withdraw your own signature.',
			forbidden: 'You may not do this.',
			conflict: 'Someone else just updated the meeting. Reload and try again.'
		},
		when: 'When',
		place: 'Place',
		attending: 'Attending committees',
		others: 'Other parties',
		state: 'State',
		agenda: 'Agenda',
		openAgenda: 'Open the agenda',
		editAgenda: 'Edit the agenda',
		minutedNote:
			'Minuted: the agenda is read-only for everyone. A correction opens a new revision and keeps this one.',
		unsavedAfterMinuted:
			'The meeting was minuted before your offline changes reached it: they are not in the agenda (this device still keeps them). Ask the secretary for a correction to add them.',
		draftNote:
			'A draft is visible to the secretary and the committees only; residents can read the agenda once it is published.',
		actions: {
			published: 'Publish',
			in_session: 'Start the meeting',
			minuted: 'Minute it',
			correcting: 'Open a correction'
		},
		editDetails: 'Change the details',
		saveDetails: 'Save changes',
		confirmMinute: 'Once minuted, nobody can change the agenda any more. Continue?',
		correctReason: 'Reason for the correction',
		signatures: 'Committee signatures',
		signaturesHint: 'Each attending committee signs that it agrees to the minutes and decisions.',
		signFor: (committee) => `Sign for the ${committee}`,
		signedBy: (name) => `Signed by ${name}`,
		withdraw: 'Withdraw my signature',
		notSigned: 'Not signed',
		withdrawnBy: (name) => `${name} withdrew their signature`,
		revisions: 'Agenda revisions',
		revision: (n) => `Revision ${n}`,
		current: 'Current',
		correctionOf: (n) => `Correction of revision ${n}`,
		history: 'History',
		created: 'Created',
		movedTo: (state) => `→ ${state}`,
		agendaSeed: ['Item 1:', 'Item 2:'],
		actionList: {
			title: 'Community action list',
			homeLink: 'Action list',
			kind: 'Action list',
			hint: 'Tasks that belong to no secretary project, such as decisions of the joint meetings.'
		}
	}
};
