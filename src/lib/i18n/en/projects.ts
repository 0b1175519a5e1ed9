import type { projectsZh } from '../zh-CN/projects';

export const projectsEn: typeof projectsZh = {
	projects: {
		levels: {
			district: 'District',
			street: 'Street/town',
			community: 'Community',
			department: 'Department'
		},
		categories: {
			livelihood: 'Livelihood service',
			safety: 'Safety',
			environment: 'Environment',
			elderly_care: 'Elderly care',
			culture: 'Culture',
			governance: 'Governance',
			other: 'Other'
		},
		committees: {
			residents_committee: "Residents' committee",
			owners_committee: "Owners' committee",
			property_company: 'Property company'
		},
		responsible: 'Responsible',
		budget: 'Budget',
		fundingSources: 'Funding',
		problems: (n: number) => `Answers ${n} problem-list ${n === 1 ? 'entry' : 'entries'}`,
		checklist: 'Checklist',
		waivedReason: 'Why waived',
		progress: 'Progress log',
		noProgress: 'No progress entries yet',
		photos: (n: number) => `${n} ${n === 1 ? 'photo' : 'photos'}`,
		stages: {
			topic: 'Topic',
			pledge: 'Pledge',
			delivery: 'Delivery',
			evaluation: 'Evaluation',
			closed: 'Closed'
		},
		panel: {
			title: 'Project stage',
			current: (stage: string) => `Current stage: ${stage}`,
			unmet: 'Still needed for the next stage:',
			moveTo: (stage: string) => `Move to “${stage}”`,
			moveBack: (stage: string) => `Back to “${stage}”`,
			reason: 'Reason for moving back (required)',
			reasonPlaceholder: 'Say why; everyone can see it',
			publish: 'Publish the pledge',
			revise: 'Publish a revision',
			reviseReason: 'Reason for the revision (required)',
			draftDiffers: 'The published pledge differs from the draft',
			revisions: 'Published pledge revisions',
			revision: (n: number) => `Revision ${n}`,
			noRevisions: 'The pledge is not published yet',
			moves: 'Stage changes',
			by: (name: string) => `by ${name}`,
			failed: 'That did not work; reload and try again.'
		},
		gates: {
			goal: 'Write the goal',
			measures: 'Write the measures',
			responsible: 'Name at least one responsible person',
			deadline: 'Set a deadline',
			tasks_open: (n: number) =>
				`${n} ${n === 1 ? 'task is' : 'tasks are'} not done (finish, or waive with a reason)`,
			waived_without_reason: (n: number) =>
				`${n} waived ${n === 1 ? 'task has' : 'tasks have'} no reason`,
			rectification_open: (n: number) =>
				`${n} rectification ${n === 1 ? 'item is' : 'items are'} still open`,
			reason_required: 'Moving back needs a reason',
			not_next: 'A project moves forward one stage at a time, or back'
		}
	}
};
