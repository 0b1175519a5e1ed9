import type { publicPledgeZh } from '../zh-CN/publicPledge';

export const publicPledgeEn: typeof publicPledgeZh = {
	publicPledge: {
		kicker: 'Secretary project · public pledge',
		metaDescription: (unit: string, goal: string) => `${unit} pledges: ${goal}`,
		pledge: 'The pledge',
		goal: 'Goal',
		measures: 'Measures',
		responsible: 'Responsible',
		deadline: 'Deadline',
		budget: 'Budget',
		fundingSources: 'Funding',
		none: '—',
		version: (n: number, date: string) => `Version ${n} · published ${date}`,
		overdue: 'Past its deadline',
		deadlineMoved: (from: string, to: string) => `Deadline moved from ${from} to ${to}`,
		revisions: 'Revisions of the pledge',
		firstPublished: 'First published',
		reason: (text: string) => `Reason: ${text}`,
		stage: 'Progress',
		currentStage: (stage: string) => `Current stage: ${stage}`,
		closed: 'The project is closed',
		progress: 'Progress log',
		noProgress: 'No progress entries yet.',
		photo: (n: number) => `Progress photo ${n}`,
		evaluation: 'Evaluation',
		report: 'Completion report',
		publishedOn: (date: string) => `Published ${date}`,
		acceptance: 'On-site acceptance',
		roles: {
			deputy: 'Deputy',
			department_rep: 'Department representative',
			evaluator: 'Evaluator'
		},
		survey: 'Resident satisfaction survey',
		surveyRound: (n: number) => `Survey ${n}`,
		surveyOpen: (date: string) => `Open until ${date}; results are published when it closes.`,
		surveyShare: (pct: string, need: string) => `${pct} satisfied (needs ${need})`,
		surveyVotes: (votes: number, electorate: number) =>
			`${votes} of ${electorate} residents took part`,
		outcomes: { passed: 'Passed', rectification: 'Not reached: rectification' },
		rectification: 'Rectification',
		rectificationStates: { done: 'Done', open: 'In progress', gone: 'Withdrawn' },
		pdf: 'Download the pledge sheet (PDF, printable)',
		community: (name: string) => `${name}: secretary projects`,
		communityLink: (name: string) => `All public projects of ${name}`,
		communityIntro:
			'The published pledges of this community: open one for its progress and results.',
		noProjects: 'This community has no published pledges yet.',
		deadlineShort: (date: string) => `Due ${date}`,
		boardLink: 'Public page',
		sheet: {
			heading: 'Secretary project pledge',
			unit: 'Pledged by',
			revision: (n: number, date: string) => `Version ${n}, published ${date}`,
			reason: (text: string) => `Revised because: ${text}`,
			footer: (url: string) => `Progress and results: ${url}`,
			page: (n: number, of: number) => `Page ${n} of ${of}`,
			noFont:
				'The server has no Chinese font, so the pledge sheet cannot be made. Ask the administrator to install one (e.g. fonts-noto-cjk).',
			busy: 'The server is busy and cannot make the pledge sheet just now; try again in a few seconds.'
		}
	}
};
