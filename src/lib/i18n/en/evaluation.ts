import type { evaluationZh } from '../zh-CN/evaluation';

export const evaluationEn: typeof evaluationZh = {
	evaluation: {
		title: 'Evaluation',
		round: (n: number) => `Round ${n}`,
		report: 'Completion report',
		noReport: 'The secretary has not published a completion report yet.',
		reportBy: (name: string) => `published by ${name}`,
		revisions: (n: number) => `${n} revisions`,
		publishReport: 'Publish report',
		reportPlaceholder: 'What was delivered, and how the problems residents raised were solved…',
		acceptance: 'On-site acceptance',
		noAcceptance: 'No evaluator invited yet.',
		invite: 'Invite',
		chooseEvaluator: 'Choose a deputy or department representative',
		pending: 'Not signed yet',
		sign: 'Sign my acceptance record',
		remarks: 'Remarks (needed unless you pass it)',
		verdicts: { pass: 'Pass', pass_with_remarks: 'Pass with remarks', fail: 'Fail' },
		survey: 'Resident satisfaction survey',
		noSurvey: 'No survey yet.',
		openSurvey: 'Open survey',
		openSecond: 'Open the second survey',
		threshold: 'Satisfied share needed',
		days: 'Days open',
		closeSurvey: 'Close survey',
		open: 'Open',
		closesAt: (t: string) => `closes ${t}`,
		closedAt: (t: string) => `closed ${t}`,
		outcomes: { passed: 'Passed', rectification: 'Below threshold: rectification' },
		votes: (n: number, of: number) => `${n} votes of ${of} residents`,
		share: (pct: string, need: string) => `${pct} satisfied (needs ${need})`,
		goVote: 'Vote',
		changeVote: 'Change my vote',
		myVote: 'My vote',
		rectification: 'Rectification',
		noRectification: 'No rectification items.',
		waivedBecause: (reason) => `Waived, because: ${reason}`,
		addItems: 'Rectification items (one per line; each becomes a board task)',
		addItemsButton: 'Add as tasks',
		taskStates: {
			todo: 'To do',
			doing: 'Doing',
			done: 'Done',
			waived: 'Waived',
			gone: 'Task deleted'
		},
		refusals: {
			no_report: 'Publish the completion report first',
			survey_open: 'A survey is already open',
			already_passed: 'The survey passed',
			no_rectification: 'Enter the rectification items first',
			rectification_open: 'Rectification items are not all done',
			not_in_evaluation: 'Only possible once the project is in evaluation'
		},
		errors: {
			not_elector:
				"You are not on this survey's list of residents (it is fixed when the survey opens).",
			closed: 'The survey has closed.',
			invalid: 'Please check what you entered.',
			failed: 'That did not work; please try again.'
		},
		choices: {
			very_satisfied: 'Very satisfied',
			satisfied: 'Satisfied',
			neutral: 'Neutral',
			dissatisfied: 'Dissatisfied',
			very_dissatisfied: 'Very dissatisfied'
		},
		voteTitle: 'Satisfaction survey',
		voteIntro:
			'Rate how this secretary project was delivered. You can change your vote until the survey closes; only you can see your choice.',
		comment: 'Comment or suggestion (optional)',
		submitVote: 'Submit',
		voted: 'Your vote is recorded.',
		notElector:
			"This survey's residents were fixed when it opened and you are not among them; you can see the results.",
		backToBoard: 'Open the project board',
		results: 'Results'
	}
};
