import type { resourcesZh } from '../zh-CN/resources';

export const resourcesEn: typeof resourcesZh = {
	resources: {
		homeLink: 'Helper group resource list',
		title: (unit: string) => `${unit} · Helper group resources`,
		intro:
			'Policy, funds and technical help that district and street departments offer secretary projects. A secretary requests them from a project board.',
		kinds: { policy: 'Policy', funds: 'Funds', technical: 'Technical', other: 'Other' },
		allKinds: 'All',
		empty: 'No resources yet.',
		count: (n: number) => `${n} items`,
		department: 'Department',
		contact: 'Contact',
		unit: 'Published at',
		withdrawnBadge: 'Withdrawn',
		publishTitle: 'Publish a resource',
		fields: {
			kind: 'Kind',
			title: 'Name',
			description: 'Description',
			department: 'Department',
			contact: 'Contact person and phone'
		},
		placeholders: {
			title: 'e.g. Grant for lifts in old estates',
			description: 'Conditions, amounts, how to apply…',
			department: 'e.g. District Housing Commission',
			contact: 'e.g. Section chief Wang 022-2639xxxx'
		},
		publish: 'Publish',
		edit: 'Edit',
		save: 'Save',
		cancel: 'Cancel',
		withdraw: 'Withdraw',
		restore: 'Restore',
		inbox: 'Requests waiting for an answer',
		inboxAll: 'Resource requests',
		answered: (n: number) => `Answered requests (${n})`,
		inboxEmpty: 'No requests.',
		project: 'Project',
		requestedBy: (name: string, community: string) => `${community} · requested by ${name}`,
		note: 'Request note',
		comment: 'Answer',
		commentPlaceholder: 'When accepting, how to proceed; when declining, why (required)',
		accept: 'Accept',
		decline: 'Decline',
		states: {
			pending: 'Waiting',
			accepted: 'Accepted',
			declined: 'Declined',
			withdrawn: 'Withdrawn'
		},
		decidedBy: (name: string) => `answered by ${name}`,
		done: 'Saved.',
		errors: {
			kind: 'Choose a kind.',
			title: 'Enter a name (up to 60 characters).',
			description: 'The description is too long (up to 1000 characters).',
			department: 'Enter the department (up to 40 characters).',
			contact: 'Enter a contact (up to 80 characters).',
			note: 'The note is too long (up to 500 characters).',
			comment: 'Say why when declining (up to 500 characters).',
			decision: 'Choose accept or decline.',
			resource: 'Choose a resource this community may request.',
			unit: 'Communities do not publish resources: use the street or district page.',
			decided: 'This request has already been answered.',
			withdrawn: 'This request or resource was withdrawn.',
			already_requested: 'This resource is already requested: wait for the answer.',
			not_a_project: 'This board is not a secretary project.',
			project_closed: 'The project is closed: no more requests.',
			already_active: 'The resource is already listed.',
			already_withdrawn: 'The resource is already withdrawn.',
			publish: 'You may not publish resources here.',
			decide: "Only the department representatives of the resource's unit may answer.",
			request: "Only the community's secretary may request resources for a project.",
			failed: 'That did not work. Please try again.'
		},
		panel: {
			title: 'Resource requests',
			none: 'This project has not requested any resources.',
			browse: 'Browse the helper group resource list',
			choose: 'Choose a resource to request',
			alreadyPending: '(requested)',
			notePlaceholder: 'What for, how much, when (seen by the department)',
			submit: 'Request',
			withdraw: 'Withdraw request',
			requestedAt: (t: string) => `requested ${t}`,
			decidedAt: (t: string) => `answered ${t}`
		}
	}
};
