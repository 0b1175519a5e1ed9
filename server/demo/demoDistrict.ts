import type { Role, UnitKind } from '../../src/lib/domain/roles';

/** The demo district: names and people, as data. Everything here is fictional. */
export const DEMO_PASSWORD = 'gongzhi-demo';

export interface DemoUnit {
	id: string;
	parentId: string | null;
	kind: UnitKind;
	name: string;
	nameEn: string;
}

const community = (id: string, parentId: string, name: string, nameEn: string): DemoUnit[] => {
	const units: DemoUnit[] = [{ id, parentId, kind: 'community', name, nameEn }];
	for (const g of [1, 2]) {
		const gridId = `${id}-g${g}`;
		units.push({ id: gridId, parentId: id, kind: 'grid', name: `第${g}网格`, nameEn: `Grid ${g}` });
		for (const b of [1, 2, 3]) {
			const n = (g - 1) * 3 + b;
			units.push({
				id: `${gridId}-b${n}`,
				parentId: gridId,
				kind: 'building',
				name: `${n}号楼`,
				nameEn: `Building ${n}`
			});
		}
	}
	return units;
};

export const DEMO_UNITS: DemoUnit[] = [
	{ id: 'd-beichen', parentId: null, kind: 'district', name: '北辰区', nameEn: 'Beichen District' },
	{
		id: 's-guoyuan',
		parentId: 'd-beichen',
		kind: 'street',
		name: '果园新村街道',
		nameEn: 'Guoyuan Xincun Street'
	},
	{
		id: 's-jiarong',
		parentId: 'd-beichen',
		kind: 'street',
		name: '佳荣里街道',
		nameEn: 'Jiarongli Street'
	},
	...community('c-a', 's-guoyuan', '丽泽园社区', 'Lizeyuan Community'),
	...community('c-b', 's-guoyuan', '瑞景苑社区', 'Ruijingyuan Community'),
	...community('c-c', 's-jiarong', '宜兴埠社区', 'Yixingbu Community')
];

export interface DemoUser {
	id: string;
	username: string;
	displayName: string;
	unitId: string;
	role: Role;
	/** Further roles held elsewhere, e.g. a grid leader is also a Party member of the community. */
	also?: { unitId: string; role: Role }[];
}

export const DEMO_USERS: DemoUser[] = [
	{
		id: 'u-secretary',
		username: 'secretary',
		displayName: '王建华',
		unitId: 'c-a',
		role: 'secretary'
	},
	{
		id: 'u-rc',
		username: 'rc-member',
		displayName: '李秀英',
		unitId: 'c-a',
		role: 'residents_committee'
	},
	{
		id: 'u-oc',
		username: 'oc-member',
		displayName: '张国强',
		unitId: 'c-a',
		role: 'owners_committee'
	},
	{
		id: 'u-pm',
		username: 'pm-staff',
		displayName: '赵磊',
		unitId: 'c-a',
		role: 'property_company'
	},
	{
		id: 'u-resident',
		username: 'resident',
		displayName: '陈桂兰',
		unitId: 'c-a',
		role: 'resident'
	},
	{
		id: 'u-grid',
		username: 'grid-leader',
		displayName: '马春梅',
		unitId: 'c-a-g1',
		role: 'grid_leader',
		also: [{ unitId: 'c-a', role: 'party_member' }]
	},
	{
		id: 'u-party',
		username: 'party-member',
		displayName: '杨伟',
		unitId: 'c-a',
		role: 'party_member'
	},
	{
		id: 'u-volunteer',
		username: 'volunteer',
		displayName: '吴晓燕',
		unitId: 'c-a',
		role: 'volunteer'
	},
	{
		id: 'u-officer',
		username: 'officer',
		displayName: '郑海涛',
		unitId: 's-guoyuan',
		role: 'officer'
	},
	{ id: 'u-outsider', username: 'outsider', displayName: '刘明', unitId: 'c-b', role: 'resident' },
	{
		id: 'u-deputy',
		username: 'deputy',
		displayName: '周丽华',
		unitId: 'd-beichen',
		role: 'deputy'
	},
	{
		id: 'u-dept',
		username: 'dept-rep',
		displayName: '高振东',
		unitId: 's-guoyuan',
		role: 'department_rep'
	},
	{
		id: 'u-admin',
		username: 'admin',
		displayName: '孙志刚',
		unitId: 'd-beichen',
		role: 'district_admin'
	}
];

export const DEMO_AGENDA = {
	id: 'meeting-c-a-2026-12',
	title: '丽泽园社区 12月多委联合办公会',
	blocks: [
		{ type: 'heading', text: '一、3号楼电梯更换进展（物业）' },
		{ type: 'paragraph', text: '物业通报电梯采购与施工排期，业委会确认维修资金使用。' },
		{ type: 'heading', text: '二、小区东门停车秩序（业委会）' },
		{ type: 'paragraph', text: '居民反映晚间车辆占用消防通道，讨论划线与巡查方案。' },
		{ type: 'heading', text: '三、冬季独居老人走访（居委会）' },
		{
			type: 'bulletList',
			text: ['网格员每周走访一次', '党员中心户结对帮扶', '暖气不热的报修优先处理']
		}
	]
} as const;

export const DEMO_BOARD = {
	title: '3号楼加装电梯书记项目',
	level: 'community',
	unitId: 'c-a',
	category: 'livelihood',
	pledge: {
		goal: '2027年3月底前完成3号楼电梯更换并通过验收，解决高层老人出行难。',
		measures: '召开业主协商会取得维修资金使用同意；物业组织招标；居委会每周公示进度。',
		responsible: ['王建华（社区党委书记）'],
		deadline: '2027-03-31',
		budget: '68万元',
		fundingSources: ['住宅专项维修资金', '街道民生资金']
	},
	tasks: [
		{
			id: 't-consult',
			title: '召开业主协商会',
			status: 'done',
			owner: 'committee:owners_committee',
			due: '2026-11-20',
			notes: '',
			checklist: [
				{ text: '发出会议通知', done: true },
				{ text: '三分之二业主签字同意', done: true }
			]
		},
		{
			id: 't-tender',
			title: '电梯采购招标',
			status: 'doing',
			owner: 'committee:property_company',
			due: '2026-12-20',
			notes: '',
			checklist: [
				{ text: '编制招标文件', done: true },
				{ text: '开标评标', done: false }
			]
		},
		{
			id: 't-notice',
			title: '每周进度公示',
			status: 'todo',
			owner: 'committee:residents_committee',
			due: '2027-03-31',
			notes: ''
		}
	],
	progress: [
		{
			id: 'p-consult',
			date: '2026-11-18',
			text: '业主协商会召开，3号楼42户中38户签字同意使用维修资金。',
			photoIds: []
		}
	]
} as const;
