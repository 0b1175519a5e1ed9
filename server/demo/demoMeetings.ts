import * as Y from 'yjs';
import { AGENDA_SCHEMA_VERSION } from '../../src/lib/domain/agenda';
import type { MeetingState } from '../../src/lib/domain/meetings';
import { COMMITTEES } from '../../src/lib/domain/roles';
import type { Stores } from '../storage/Stores';
import { DEMO_BOARD } from './demoDistrict';
import { appendAgendaItems, type AgendaItemSeed } from '../yjs/agendaItemXml';
import { newAgenda, type AgendaBlock } from '../yjs/newAgenda';

const SECRETARY = 'u-secretary';
const DAY = 86_400_000;
/** Committee members who sign the minuted meeting, one per committee. */
const SIGNERS = { residents_committee: 'u-rc', owners_committee: 'u-oc', property_company: 'u-pm' };

interface DemoMeeting {
	id: string;
	agendaId: string;
	title: string;
	/** Days from the seed's `now` (negative: past), at a Beijing wall-clock hour. */
	inDays: number;
	hour: number;
	place: string;
	otherParties: string[];
	state: MeetingState;
	blocks: AgendaBlock[];
	/**
	 * Agenda items, each written by a committee member (their own Yjs client id, bound to them:
	 * the meeting page names them as author). `lift` links the lift project; `dueInDays` counts
	 * from the meeting's day.
	 */
	items: { author: string; lift?: boolean; dueInDays?: number; seed: AgendaItemSeed }[];
}

export const DEMO_MEETINGS: DemoMeeting[] = [
	{
		id: 'mt-00000000-0000-4000-8000-00000000c0a1',
		agendaId: 'ag-c-a-2026-10',
		title: '丽泽园社区 10月多委联合办公会',
		inDays: -35,
		hour: 9,
		place: '社区党群服务中心二楼会议室',
		otherParties: ['辖区派出所', '北辰区阳光社工服务中心'],
		state: 'minuted',
		blocks: [
			{ type: 'heading', text: '丽泽园社区 10月多委联合办公会' },
			{ type: 'paragraph', text: '议题与决定如下，负责人按期完成后在行动清单中更新进度。' }
		],
		items: [
			{
				author: 'u-rc',
				dueInDays: 30,
				seed: {
					attrs: {
						id: 'b1a1c0de-0000-4000-8000-000000000a01',
						raisedBy: 'residents_committee',
						minutes: '20',
						decision: 'agreed',
						owner: 'committee:residents_committee'
					},
					topic: '垃圾分类督导志愿者排班',
					notes: ['决定：11月起每晚18:00-20:00设两名督导员，由志愿者轮值。']
				}
			},
			{
				author: 'u-pm',
				dueInDays: 14,
				seed: {
					attrs: {
						id: 'b1a1c0de-0000-4000-8000-000000000a02',
						raisedBy: 'property_company',
						minutes: '15',
						decision: 'agreed',
						owner: 'user:u-pm'
					},
					topic: '地下车库照明维修',
					notes: ['决定：物业两周内更换损坏灯具，业委会验收。']
				}
			}
		]
	},
	{
		id: 'mt-00000000-0000-4000-8000-00000000c0a2',
		agendaId: 'ag-c-a-2026-12-upcoming',
		title: '丽泽园社区 冬季安全联合办公会',
		inDays: 5,
		hour: 14,
		place: '社区党群服务中心二楼会议室',
		otherParties: ['果园新村街道消防站'],
		state: 'published',
		blocks: [
			{ type: 'heading', text: '丽泽园社区 冬季安全联合办公会' },
			{ type: 'paragraph', text: '请各委员会会前补充议题，会上记录讨论与决定。' }
		],
		items: [
			{
				author: 'u-pm',
				seed: {
					attrs: {
						id: 'b1a1c0de-0000-4000-8000-000000000b01',
						raisedBy: 'property_company',
						minutes: '20'
					},
					topic: '楼道堆物清理',
					notes: ['物业通报各楼栋堆物情况，讨论清理时间表。']
				}
			},
			{
				author: 'u-rc',
				seed: {
					attrs: {
						id: 'b1a1c0de-0000-4000-8000-000000000b02',
						raisedBy: 'residents_committee',
						minutes: '15'
					},
					topic: '独居老人冬季走访',
					notes: ['网格员与党员中心户分工，确定走访名单。']
				}
			},
			{
				author: 'u-oc',
				lift: true,
				seed: {
					attrs: {
						id: 'b1a1c0de-0000-4000-8000-000000000b03',
						raisedBy: 'owners_committee',
						minutes: '25'
					},
					topic: '3号楼电梯更换：维修资金使用',
					notes: ['业委会说明维修资金表决安排，物业通报招标进度。']
				}
			}
		]
	}
];

/** Midnight of the Beijing day `at` falls on, plus `hour` hours (Beijing is UTC+8). */
function beijingHour(at: number, hour: number) {
	const offset = 8 * 3600_000;
	return Math.floor((at + offset) / DAY) * DAY - offset + hour * 3600_000;
}

/**
 * Two meetings of community A: one minuted weeks ago with all three committees' signatures, one
 * published and coming up. Each agenda is its own Yjs document, like a meeting the app creates,
 * with items written by the committee members (the seed's own client writes only the heading).
 */
export async function seedDemoMeetings(stores: Stores, now: number, seedUser: string) {
	// The lift project, which an upcoming item links.
	const boards = await stores.documents.inCommunities(['c-a']);
	const lift = boards.find((d) => d.kind === 'board' && d.title === DEMO_BOARD.title)?.id;
	for (const m of DEMO_MEETINGS) {
		const startsAt = beijingHour(now + m.inDays * DAY, m.hour);
		const createdAt = startsAt - 14 * DAY;
		await stores.documents.register({
			id: m.agendaId,
			kind: 'agenda',
			communityId: 'c-a',
			title: m.title,
			schemaVersion: AGENDA_SCHEMA_VERSION,
			createdBy: SECRETARY
		});
		const agenda = newAgenda(m.blocks);
		await stores.yjs.bindClient(m.agendaId, agenda.clientId, seedUser);
		await stores.yjs.append(m.agendaId, agenda.update, seedUser);
		const state = new Y.Doc();
		Y.applyUpdate(state, agenda.update);
		for (const item of m.items) {
			const attrs = { ...item.seed.attrs };
			if (item.lift && lift) attrs.link = `project:${lift}`;
			if (item.dueInDays !== undefined)
				attrs.due = new Date(startsAt + 8 * 3600_000 + item.dueInDays * DAY)
					.toISOString()
					.slice(0, 10);
			const written = appendAgendaItems(Y.encodeStateAsUpdate(state), [{ ...item.seed, attrs }]);
			await stores.yjs.bindClient(m.agendaId, written.clientId, item.author);
			await stores.yjs.append(m.agendaId, written.update, item.author);
			Y.applyUpdate(state, written.update);
		}
		state.destroy();
		await stores.meetings.create({
			id: m.id,
			communityId: 'c-a',
			title: m.title,
			startsAt,
			place: m.place,
			committees: [...COMMITTEES],
			otherParties: m.otherParties,
			state: 'draft',
			agendaId: m.agendaId,
			createdBy: SECRETARY,
			createdAt,
			updatedAt: createdAt
		});
		const path: MeetingState[] = ['draft', 'published', 'in_session', 'minuted'];
		const times = [createdAt, createdAt + 2 * DAY, startsAt, startsAt + 2 * 3600_000];
		for (let i = 1; i <= path.indexOf(m.state); i++) {
			if (path[i] === 'minuted') {
				// Signed during the meeting, before the minutes closed it.
				for (const [j, committee] of COMMITTEES.entries()) {
					await stores.meetings.sign({
						meetingId: m.id,
						revision: 1,
						committee,
						itemId: null,
						signerId: SIGNERS[committee],
						signedAt: startsAt + 3600_000 + j * 60_000
					});
				}
			}
			await stores.meetings.move(m.id, path[i - 1]!, path[i]!, {
				reason: null,
				authorId: SECRETARY,
				at: times[i]!
			});
		}
	}
}
