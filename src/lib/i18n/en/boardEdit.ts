import type { boardEditZh } from '../zh-CN/boardEdit';

export const boardEditEn: typeof boardEditZh = {
	boardEdit: {
		autosave: 'Changes save as you type; offline they are kept on this device and sync later.',
		projectTitle: 'Project name',
		level: 'Level',
		unit: 'Owning unit',
		category: 'Category',
		problems: 'Problems it answers',
		problemsHint: "Tick the entries of the community's problem list this project solves",
		noProblems: 'The problem list is empty',
		noneLinked: 'Not linked to the problem list',
		goal: 'Goal',
		goalHint: 'What is fixed, and how far',
		measures: 'Measures',
		measuresHint: 'The steps, and who takes them',
		responsible: 'Responsible',
		responsiblePlaceholder: 'Name (position)',
		deadline: 'Deadline',
		budget: 'Budget',
		budgetPlaceholder: 'e.g. CNY 150,000',
		fundingSources: 'Funding sources',
		fundingPlaceholder: 'e.g. street elderly-care subsidy',
		add: 'Add',
		remove: (what: string) => `Remove “${what}”`,
		notSet: 'Not filled in',
		overdue: (days: number) => `${days} ${days === 1 ? 'day' : 'days'} overdue`,
		task: {
			edit: 'Edit',
			title: 'Task name',
			owner: 'Owner',
			noOwner: 'Nobody yet',
			committees: 'Committees',
			people: 'People',
			due: 'Due date',
			checklist: 'Checklist',
			progress: (done: number, total: number) => `Checklist ${done}/${total}`,
			addItem: 'Add item',
			itemPlaceholder: 'New item',
			itemText: (n: number) => `Item ${n}`
		},
		progress: {
			add: 'Log progress',
			date: 'Date',
			text: 'What happened',
			textPlaceholder: 'What was done today, how far it got',
			photos: 'Photos (up to 6)',
			save: 'Save entry',
			uploading: 'Uploading photos…',
			offlinePhotos:
				'Photos cannot be uploaded offline. Save the text now and add an entry with photos once online.',
			photoAlt: (date: string, n: number) => `Progress photo ${n} of ${date}`,
			remove: 'Delete this entry',
			removeConfirm: 'Delete this entry? Everyone can still see it in the history.',
			errors: {
				too_large: 'Photo too large (8 MB at most each)',
				not_an_image: 'Only JPEG, PNG or WebP photos',
				empty: 'The photo file is empty',
				too_many: 'This board has reached its photo limit',
				failed: 'The photo did not upload; try again when online'
			}
		}
	}
};
