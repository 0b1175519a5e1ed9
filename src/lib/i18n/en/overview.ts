import type { overviewZh } from '../zh-CN/overview';

export const overviewEn: typeof overviewZh = {
	overview: {
		title: (unit: string) => `${unit} · Secretary projects overview`,
		homeLink: 'Secretary projects overview',
		communityLink: 'Secretary projects',
		publishedOnly: 'Projects whose pledge has been published.',
		figures: {
			total: 'Projects',
			livelihood: 'Livelihood projects',
			overdue: 'Overdue pledges',
			passed: 'Passed the survey'
		},
		count: (n: number) => `${n}`,
		ofTotal: (part: number, total: number) => `${part} of ${total}`,
		charts: {
			byLevel: 'By level',
			byStage: 'By stage',
			byCategory: 'By category',
			livelihood: 'Share of livelihood projects',
			livelihoodPart: 'Livelihood',
			otherPart: 'Other categories',
			satisfaction: 'Satisfaction survey results (latest)',
			noSurvey: 'No satisfaction survey has closed yet.',
			threshold: (pct: string) => `Threshold ${pct}`,
			result: (share: string, threshold: string, passed: boolean) =>
				`${share} satisfied, threshold ${threshold}, ${passed ? 'passed' : 'not passed'}`,
			passed: 'Passed',
			failed: 'Not passed',
			label: 'Project',
			count: 'Count',
			showTable: 'Show as a table'
		},
		list: {
			title: 'Projects',
			stage: 'Stage',
			level: 'Level',
			category: 'Category',
			community: 'Community',
			all: 'All',
			overdueOnly: 'Overdue only',
			apply: 'Filter',
			reset: 'Clear filters',
			shown: (shown: number, total: number) => `Showing ${shown} of ${total} projects`,
			none: 'No project matches.',
			deadline: (date: string) => `Due ${date}`,
			responsible: (names: string) => `Responsible: ${names}`,
			overdue: 'Overdue',
			notPublished: 'Pledge not published',
			satisfaction: (share: string, passed: boolean) =>
				`${share} satisfied (${passed ? 'passed' : 'not passed'})`
		},
		communities: {
			title: 'By community',
			community: 'Community',
			total: 'Projects',
			active: 'Under way',
			overdue: 'Overdue',
			livelihood: 'Livelihood',
			passed: 'Passed'
		},
		exportXlsx: 'Export Excel',
		exportCsv: 'Export CSV',
		exportHint: 'Exports list the projects below, with the current filters.',
		columns: {
			title: 'Project',
			level: 'Level',
			unit: 'Unit',
			category: 'Category',
			stage: 'Stage',
			responsible: 'Responsible',
			deadline: 'Deadline',
			overdue: 'Overdue',
			satisfaction: 'Satisfied share',
			link: 'Link'
		},
		yes: 'Yes',
		no: 'No',
		sheet: 'Secretary projects',
		exportFile: (unit: string, date: string) => `projects_${unit}_${date}`
	}
};
