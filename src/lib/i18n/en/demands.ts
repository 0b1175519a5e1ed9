import type { demandsZh } from '../zh-CN/demands';

export const demandsEn: typeof demandsZh = {
	title: 'Resident demands',
	homeLink: 'Resident demands',
	newDemand: 'File a demand',
	tabs: { mine: 'Mine', queue: 'To dispatch', assigned: 'Assigned to me', offered: 'Open to take' },
	empty: 'No demands here yet.',
	pending: 'Waiting to send',
	pendingHint:
		'Demands written without a connection are kept on this device and sent once when it returns.',
	categories: {
		repair: 'Repair',
		safety_hazard: 'Safety hazard',
		dispute: 'Dispute',
		environment: 'Environment',
		elderly_care: 'Elderly care',
		parking: 'Parking',
		property_service: 'Property service',
		other: 'Other'
	},
	states: {
		filed: 'Waiting for dispatch',
		offered: 'Open to take',
		dispatched: 'Dispatched',
		taken: 'In progress',
		resolved: 'Waiting for rating',
		closed: 'Closed',
		withdrawn: 'Withdrawn'
	},
	levels: { grid: 'grid', community: 'community', street: 'street' },
	escalatedTo: (level: string) => `Escalated to the ${level}`,
	overdue: 'Overdue',
	urgentBadge: 'Urgent',
	complaintBadge: (party: string) => `Complaint about ${party}`,
	form: {
		category: 'Category',
		description: 'What is wrong',
		descriptionHint: 'Where it is and what the problem is',
		photos: 'Photos (optional, up to 6)',
		grid: 'Grid / estate',
		building: 'Building',
		noBuilding: 'Not in a building',
		urgent: 'Urgent (gas smell, exposed wires…)',
		visibility: 'Who can see it',
		private: 'Only me and whoever handles it',
		public: 'The whole community (without my name)',
		complaint: 'This is a complaint about (they see the matter, never who filed it)',
		notComplaint: 'Not a complaint',
		about: {
			property_company: 'the property company',
			residents_committee: 'the residents committee',
			owners_committee: 'the owners committee'
		},
		onBehalf: 'Filing for a resident: their name',
		submit: 'Submit',
		savedOffline: 'Saved on this device; it will be sent when the connection returns.',
		heldBack:
			'Saved on this device. You have filed many demands in a short time; it will be sent automatically a little later.',
		sent: 'Submitted.',
		failed: 'Could not submit: ',
		backToList: 'Back to the demands'
	},
	detail: {
		title: 'Demand',
		filedBy: 'Filed by',
		onBehalfBy: (name: string) => `filed by ${name} on their behalf`,
		anonymous: '(filer not shown)',
		assignee: 'Handled by',
		takeBy: 'Take by',
		resolveBy: 'Resolve by',
		place: 'Place',
		timeline: 'Steps',
		resolution: 'What was done',
		rating: { satisfied: 'Satisfied', unsatisfied: 'Not satisfied' },
		system: 'System',
		events: {
			filed: 'Filed',
			dispatched: 'Dispatched',
			offered: 'Offered to the grid',
			taken: 'Taken',
			declined: 'Declined',
			resolved: 'Resolved',
			closed: 'Rated',
			reopened: 'Reopened',
			withdrawn: 'Withdrawn',
			escalated: 'Escalated (time ran out)',
			photo_added: 'Photo added'
		},
		to: (name: string) => `to ${name}`,
		dispatchTo: 'Dispatch to',
		actions: {
			withdraw: 'Withdraw',
			dispatch: 'Dispatch',
			offer: 'Offer to the grid',
			take: 'Take',
			decline: 'Decline',
			resolve: 'Resolve',
			confirm: 'Rate and close',
			reopen: 'Not solved: reopen'
		},
		resolveText: 'What was done',
		resolvePhotos: 'Photos (optional)',
		reopenText: 'What is still wrong (optional)',
		errors: {
			not_found: 'This demand does not exist, or you may not see it.',
			forbidden: 'You cannot take this step.',
			conflict: 'Someone else just changed this demand; reload.',
			invalid: 'Please fill in everything.',
			bad_assignee: 'This person cannot take demands of this grid.',
			too_many_photos: 'Too many photos.',
			too_large: 'The photo is too large (8 MB at most).',
			not_an_image: 'Only JPEG, PNG or WebP photos.',
			id_taken: 'Duplicate submission; please fill it in again.',
			empty: 'The photo is empty.'
		}
	}
};
