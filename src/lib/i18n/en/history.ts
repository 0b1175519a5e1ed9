import type { historyZh } from '../zh-CN/history';

export const historyEn: typeof historyZh = {
	history: {
		title: 'History',
		link: 'History',
		intro:
			'The author and time of every change come from what the server recorded when it accepted it, never from anyone’s device.',
		changes: (n) => `${n} change${n === 1 ? '' : 's'} in all`,
		steps: (n) => `${n} change${n === 1 ? '' : 's'}`,
		systemAuthors: {
			'system:seed': 'System (initial data)',
			'system:migration': 'System (format upgrade)'
		},
		system: 'System',
		unknownAuthor: 'Unknown user',
		unrecorded: 'Change with no record',
		pledgeBadge: 'Pledge changed',
		viewAt: 'See the board as it was',
		asItWas: (when) => `The board as it was at ${when} (read-only)`,
		changedBy: (name) => `This step was made by ${name}`,
		backToHistory: 'Back to the history',
		backToBoard: 'Back to the board',
		empty: '(empty)',
		noHistory: 'No changes recorded yet.',
		lines: {
			created: (title) => `created the board “${title}”`,
			set: (field, to) => `set ${field} to ${to}`,
			cleared: (field, from) => `cleared ${field} (was ${from})`,
			changed: (field, from, to) => `changed ${field} from ${from} to ${to}`,
			taskAdded: (title) => `added the task “${title}”`,
			taskRemoved: (title) => `removed the task “${title}”`,
			taskMoved: (title, from, to) => `moved the task “${title}” from “${from}” to “${to}”`,
			taskField: (title, field) => `the ${field} of task “${title}”`,
			checklist: {
				added: (task, text) => `added the checklist item “${text}” to “${task}”`,
				removed: (task, text) => `removed the checklist item “${text}” from “${task}”`,
				done: (task, text) => `ticked “${text}” in “${task}”`,
				undone: (task, text) => `unticked “${text}” in “${task}”`,
				edited: (task, text) => `reworded a checklist item of “${task}” to “${text}”`
			},
			progressAdded: (date, text) => `added a progress entry for ${date}: ${text}`,
			progressRemoved: (date, text) => `removed the progress entry for ${date}: ${text}`,
			progressField: (date, field) => `the ${field} of the progress entry for ${date}`,
			other: 'reordered or adjusted details'
		},
		fields: {
			title: 'the title',
			level: 'the level',
			category: 'the category',
			unitId: 'the owning unit',
			problemIds: 'the linked problems',
			schemaVersion: 'the format version',
			goal: 'the pledge goal',
			measures: 'the measures',
			responsible: 'the responsible people',
			deadline: 'the pledge deadline',
			budget: 'the budget',
			fundingSources: 'the funding sources'
		},
		taskFields: {
			title: 'name',
			status: 'status',
			owner: 'owner',
			due: 'due date',
			notes: 'notes',
			waivedReason: 'waiver reason'
		},
		progressFields: { date: 'date', text: 'text', photoIds: 'photos' },
		check: {
			checking: 'Checking the history…',
			ok: (n) => `History verified: ${n} change${n === 1 ? '' : 's'}, all on record`,
			failed: 'History check failed: this copy of the board differs from the server’s record',
			missing: (n) => `${n} recorded change${n === 1 ? ' is' : 's are'} missing from this copy`,
			unrecorded: (n) =>
				`${n} change${n === 1 ? '' : 's'} in this copy ${n === 1 ? 'has' : 'have'} no record on the server`,
			server: (missing, unrecorded) =>
				`Warning: the history the server stores does not match its record of accepted changes — ${missing} recorded change(s) are gone and ${unrecorded} change(s) have no record. The history may have been rewritten.`,
			serverOk: (n) => `The ${n} stored changes match the server’s record.`
		}
	}
};
