import { generateAutomergeUrl, parseAutomergeUrl } from '@automerge/automerge-repo';
import { BOARD_SCHEMA_VERSION, type TaskStatus } from '../../src/lib/domain/board';
import { pledgeSnapshot, PROJECT_STAGES, type ProjectStage } from '../../src/lib/domain/projects';
import type { SurveyChoice } from '../../src/lib/domain/evaluation';
import { newBoard } from '../automerge/newBoard';
import type { Stores } from '../storage/Stores';

const DAY = 86_400_000;
const SEED_USER = 'system:seed';

/** Residents of c-a who voted in the demo surveys, in the order the votes are given. */
const VOTERS = [
	'u-resident',
	'u-res-c-a-g1-1',
	'u-res-c-a-g1-2',
	'u-res-c-a-g1-3',
	'u-res-c-a-g2-1',
	'u-res-c-a-g2-2',
	'u-res-c-a-g2-3'
];

interface DemoProject {
	title: string;
	goal: string;
	/** A published pledge passed the publishing gate: measures and a deadline are there. */
	measures: string;
	deadline: string;
	report: string;
	tasks: { id: string; title: string; status: TaskStatus; owner: string }[];
	acceptance: {
		evaluatorId: string;
		verdict: 'pass' | 'pass_with_remarks' | 'fail';
		remarks: string;
	}[];
	votes: SurveyChoice[];
	/** Rectification items with their task ids (tasks listed above). */
	rectification: { item: string; taskId: string }[];
}

/** In evaluation: the first survey failed (2 of 5 satisfied), rectification under way. */
const IN_RECTIFICATION: DemoProject = {
	title: '北门车棚与照明改造书记项目',
	goal: '2026年11月底前建成北门非机动车棚并集中充电，楼道不再停放电动车。',
	measures: '物业腾出北门空地搭建车棚；居委会组织清理楼道电动车；党员志愿者夜间巡查。',
	deadline: '2026-11-30',
	report: '建成车棚1处、充电口40个，清理楼道电动车57辆，组建居民巡查队每晚巡查。',
	tasks: [
		{ id: 't-lines', title: '搭建车棚', status: 'done', owner: 'committee:property_company' },
		{
			id: 't-patrol',
			title: '清理楼道电动车',
			status: 'done',
			owner: 'committee:residents_committee'
		},
		{ id: 'rect-lights', title: '车棚补装照明', status: 'doing', owner: 'user:u-secretary' },
		{ id: 'rect-signs', title: '增设充电安全提示牌', status: 'todo', owner: 'user:u-secretary' }
	],
	acceptance: [
		{ evaluatorId: 'u-deputy', verdict: 'pass_with_remarks', remarks: '夜间照明不足，建议补装。' },
		{ evaluatorId: 'u-dept', verdict: 'pass', remarks: '' }
	],
	votes: ['satisfied', 'very_satisfied', 'neutral', 'dissatisfied', 'dissatisfied'],
	rectification: [
		{ item: '车棚补装照明', taskId: 'rect-lights' },
		{ item: '增设充电安全提示牌', taskId: 'rect-signs' }
	]
};

/** Closed: the survey passed (5 of 6 satisfied). */
const PASSED: DemoProject = {
	title: '老旧小区雨污管网改造书记项目',
	goal: '汛期前完成2号、5号楼雨污分流改造，解决雨天返水。',
	measures: '委托专业单位管网摸排；分段施工减少扰民；施工后恢复路面并公示验收结果。',
	deadline: '2026-06-30',
	report: '完成管线改造420米，经两次大雨检验无返水，路面已恢复。',
	tasks: [
		{ id: 't-survey', title: '管网摸排', status: 'done', owner: 'committee:property_company' },
		{ id: 't-build', title: '分段施工', status: 'done', owner: 'committee:property_company' },
		{ id: 't-road', title: '路面恢复', status: 'done', owner: 'committee:residents_committee' }
	],
	acceptance: [
		{ evaluatorId: 'u-deputy', verdict: 'pass', remarks: '' },
		{ evaluatorId: 'u-dept', verdict: 'pass', remarks: '' }
	],
	votes: [
		'very_satisfied',
		'very_satisfied',
		'very_satisfied',
		'satisfied',
		'satisfied',
		'neutral'
	],
	rectification: []
};

/**
 * Two evaluated projects of community A, so a newcomer sees the evaluation flow: one with a
 * failed first survey and rectification under way, one closed with a passed survey. Kept apart
 * from the project stages (branch `projects`), which own the stage records.
 */
export async function seedDemoEvaluation(stores: Stores, now: number) {
	await seedProject(stores, IN_RECTIFICATION, now - 20 * DAY, 'rectification', 'evaluation');
	await seedProject(stores, PASSED, now - 60 * DAY, 'passed', 'closed');
}

async function seedProject(
	stores: Stores,
	p: DemoProject,
	start: number,
	outcome: 'passed' | 'rectification',
	stage: ProjectStage
) {
	const id = parseAutomergeUrl(generateAutomergeUrl()).documentId;
	const pledge = {
		goal: p.goal,
		measures: p.measures,
		responsible: ['王建华（社区党委书记）'],
		deadline: p.deadline,
		budget: '',
		fundingSources: []
	};
	const { changes } = newBoard({
		title: p.title,
		level: 'community',
		unitId: 'c-a',
		category: 'livelihood',
		pledge,
		tasks: p.tasks.map((t) => ({ ...t, due: '', notes: '' }))
	});
	await stores.documents.register({
		id,
		kind: 'board',
		communityId: 'c-a',
		title: p.title,
		schemaVersion: BOARD_SCHEMA_VERSION,
		createdBy: 'u-secretary'
	});
	await stores.automerge.appendChanges(id, changes, SEED_USER);
	await seedStages(stores, id, pledge, start - 60 * DAY, stage);
	const ev = stores.evaluation;
	await ev.addReport({
		id: `rp-${id}`,
		boardId: id,
		text: p.report,
		authorId: 'u-secretary',
		at: start
	});
	for (const a of p.acceptance) {
		await ev.invite({
			boardId: id,
			round: 1,
			evaluatorId: a.evaluatorId,
			invitedBy: 'u-secretary',
			invitedAt: start
		});
		await ev.sign(id, 1, a.evaluatorId, {
			verdict: a.verdict,
			remarks: a.remarks,
			at: start + DAY
		});
	}
	const surveyId = `sv-${id}`;
	// The electorate is every resident of the community, as when a secretary opens a survey.
	const members = await stores.org.membersOf('c-a');
	const electorate = members.filter((m) => m.role === 'resident').map((m) => m.userId);
	await ev.openSurvey(
		{
			id: surveyId,
			boardId: id,
			round: 1,
			openedAt: start + 2 * DAY,
			openedBy: 'u-secretary',
			closesAt: start + 9 * DAY,
			closedAt: null,
			closedBy: null,
			threshold: 0.8,
			outcome: null
		},
		electorate
	);
	for (const [i, choice] of p.votes.entries()) {
		await ev.vote({
			surveyId,
			userId: VOTERS[i]!,
			choice,
			comment: '',
			updatedAt: start + 3 * DAY
		});
	}
	await ev.closeSurvey(surveyId, { at: start + 9 * DAY, by: null, outcome });
	for (const [i, r] of p.rectification.entries()) {
		await ev.addRectification({
			id: `rx-${id}-${i}`,
			boardId: id,
			round: 1,
			item: r.item,
			taskId: r.taskId,
			createdBy: 'u-secretary',
			createdAt: start + 10 * DAY,
			doneAt: null
		});
	}
}

/** The project's server record, walked through its stages up to `stage` (as demoProjects does). */
async function seedStages(
	stores: Stores,
	boardId: string,
	pledge: Parameters<typeof pledgeSnapshot>[0],
	createdAt: number,
	stage: ProjectStage
) {
	await stores.projects.create({
		boardId,
		communityId: 'c-a',
		level: 'community',
		unitId: 'c-a',
		category: 'livelihood',
		stage: 'topic',
		createdBy: 'u-secretary',
		createdAt,
		updatedAt: createdAt
	});
	const target = PROJECT_STAGES.indexOf(stage);
	for (let s = 1; s <= target; s++) {
		// Closed after the evaluation (the survey closes 9 days after the report at createdAt + 60 days).
		const at = PROJECT_STAGES[s] === 'closed' ? createdAt + 70 * DAY : createdAt + s * 10 * DAY;
		if (s === 1) {
			const snapshot = pledgeSnapshot(pledge);
			await stores.projects.addRevision({
				boardId,
				revision: 1,
				snapshot,
				reason: null,
				authorId: 'u-secretary',
				at
			});
		}
		await stores.projects.moveStage(boardId, PROJECT_STAGES[s - 1]!, PROJECT_STAGES[s]!, {
			reason: null,
			authorId: 'u-secretary',
			at
		});
	}
}
