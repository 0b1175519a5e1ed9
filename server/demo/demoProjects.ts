import { generateAutomergeUrl, parseAutomergeUrl } from '@automerge/automerge-repo';
import { BOARD_SCHEMA_VERSION } from '../../src/lib/domain/board';
import { pledgeSnapshot, PROJECT_STAGES, type ProjectStage } from '../../src/lib/domain/projects';
import { newBoard, type NewBoardInit } from '../automerge/newBoard';
import type { Stores } from '../storage/Stores';
import { DEMO_BOARD } from './demoDistrict';

const DAY = 86_400_000;
const SECRETARY = 'u-secretary';

/** The demo's projects, one per stage a newcomer should see (evaluation comes with issue 5's other half). */
const PROJECTS: { board: NewBoardInit; stage: ProjectStage }[] = [
	// The lift: published, now being delivered.
	{ board: DEMO_BOARD, stage: 'delivery' },
	{
		stage: 'pledge',
		board: {
			title: '独居老人助餐点建设',
			level: 'community',
			unitId: 'c-a',
			category: 'elderly_care',
			pledge: {
				goal: '2027年1月底前在社区党群服务中心开设助餐点，覆盖80名独居及高龄老人。',
				measures: '居委会摸底需求；物业腾退场地；引入持证餐饮企业；党员志愿者送餐上门。',
				responsible: ['王建华（社区党委书记）', '居委会主任'],
				deadline: '2027-01-31',
				budget: '15万元',
				fundingSources: ['街道养老服务补贴']
			},
			tasks: [
				{
					id: 't-survey',
					title: '独居老人需求摸底',
					status: 'doing',
					owner: 'committee:residents_committee',
					due: '2026-12-15',
					checklist: [
						{ text: '一网格入户', done: true },
						{ text: '二网格入户', done: false }
					]
				},
				{
					id: 't-site',
					title: '场地腾退与改造',
					status: 'todo',
					owner: 'committee:property_company',
					due: '2027-01-10'
				}
			]
		}
	},
	{
		// A topic taken from residents' complaints, its pledge still being written.
		stage: 'topic',
		board: {
			title: '东门停车秩序整治',
			level: 'community',
			unitId: 'c-a',
			category: 'safety',
			pledge: { goal: '晚间消防通道不再被占用。', measures: '', responsible: [], deadline: '' },
			tasks: [
				{
					id: 't-count',
					title: '统计晚间占道车辆',
					status: 'todo',
					owner: 'committee:owners_committee',
					due: ''
				}
			]
		}
	}
];

/**
 * Registers the demo projects: each board as the seed's changes, its server row, and for those
 * past the topic the published pledge (revision 1) and the stage moves that got them there.
 * Returns the lift's board id (the demo board tests and pages open first).
 */
export async function seedDemoProjects(stores: Stores, now: number, seedUser: string) {
	let first = '';
	for (const [i, { board, stage }] of PROJECTS.entries()) {
		const id = parseAutomergeUrl(generateAutomergeUrl()).documentId;
		first ||= id;
		const { changes } = newBoard(board);
		// Registered a millisecond apart so the lift stays the first board of the community.
		const createdAt = now - 30 * DAY + i;
		await stores.documents.register({
			id,
			kind: 'board',
			communityId: 'c-a',
			title: board.title,
			schemaVersion: BOARD_SCHEMA_VERSION,
			createdBy: SECRETARY
		});
		await stores.automerge.appendChanges(id, changes, seedUser);
		await stores.projects.create({
			boardId: id,
			communityId: 'c-a',
			level: board.level,
			unitId: board.unitId,
			category: board.category,
			stage: 'topic',
			createdBy: SECRETARY,
			createdAt,
			updatedAt: createdAt
		});
		const target = PROJECT_STAGES.indexOf(stage);
		for (let s = 1; s <= target; s++) {
			const at = createdAt + s * 7 * DAY;
			if (s === 1) {
				await stores.projects.addRevision({
					boardId: id,
					revision: 1,
					snapshot: pledgeSnapshot({
						...board.pledge,
						responsible: [...(board.pledge?.responsible ?? [])],
						fundingSources: [...(board.pledge?.fundingSources ?? [])]
					}),
					reason: null,
					authorId: SECRETARY,
					at
				});
			}
			await stores.projects.moveStage(id, PROJECT_STAGES[s - 1]!, PROJECT_STAGES[s]!, {
				reason: null,
				authorId: SECRETARY,
				at
			});
		}
	}
	return first;
}
