import type { ResourceKind } from '../../src/lib/domain/resources';
import type { Stores } from '../storage/Stores';

const DAY = 86_400_000;
const SEED_USER = 'system:seed';
const SECRETARY = 'u-secretary';
/** 高振东, department representative at 果园新村街道: answers for the street's items. */
const STREET_REP = 'u-dept';

type DemoItem = [
	kind: ResourceKind,
	title: string,
	department: string,
	contact: string,
	description: string
];

/** The district's helper group (区级职能委员会帮帮团): what its departments offer every community. */
const DISTRICT_ITEMS: DemoItem[] = [
	[
		'policy',
		'老旧小区加装电梯政策咨询与审批指引',
		'区住建委',
		'住房保障科 022-2639-1101',
		'解读加装电梯补贴政策，指导业主意见征询、公示和规划审批流程。'
	],
	[
		'funds',
		'既有住宅加装电梯财政补贴',
		'区住建委',
		'住房保障科 022-2639-1102',
		'每部电梯补贴不超过20万元，竣工验收后拨付。'
	],
	[
		'technical',
		'房屋安全鉴定与结构评估',
		'区住建委',
		'房屋安全科 022-2639-1108',
		'对拟改造楼栋开展安全鉴定，出具结构评估意见。'
	],
	[
		'funds',
		'社区养老服务设施建设补助',
		'区民政局',
		'养老服务科 022-2639-2201',
		'社区助餐点、日间照料中心建设改造，按面积给予一次性补助。'
	],
	[
		'policy',
		'高龄独居老人关爱服务政策',
		'区民政局',
		'社会救助科 022-2639-2205',
		'特殊困难老人探访关爱、助餐补贴的认定标准与申请流程。'
	],
	[
		'other',
		'社会组织与社工服务对接',
		'区民政局',
		'社会组织科 022-2639-2210',
		'为社区引入专业社工机构、公益组织，开展项目化服务。'
	],
	[
		'technical',
		'停车设施规划与交通组织指导',
		'区城管委',
		'市政管理科 022-2639-3301',
		'小区周边停车泊位施划、交通组织方案技术指导。'
	],
	[
		'other',
		'占道经营与违章搭建联合整治',
		'区城管委',
		'综合执法支队 022-2639-3310',
		'配合社区开展集中整治行动，清理违章搭建。'
	],
	[
		'technical',
		'垃圾分类设施配置与督导',
		'区城管委',
		'环卫管理科 022-2639-3320',
		'分类投放点设计、设施配置建议及督导员培训。'
	],
	[
		'funds',
		'基层治理书记项目专项资金',
		'区财政局',
		'经济建设科 022-2639-4401',
		'经评审立项的书记项目，可申请专项资金补助，单项一般不超过30万元。'
	],
	[
		'policy',
		'专项维修资金使用审核指引',
		'区财政局',
		'综合科 022-2639-4405',
		'住宅专项维修资金申请使用的材料清单和审核时限。'
	],
	[
		'technical',
		'雨污管网检测与改造设计',
		'区水务局',
		'排水管理科 022-2639-5501',
		'管网CCTV检测、雨污分流改造方案设计咨询。'
	],
	[
		'technical',
		'消防安全隐患排查与电动车充电安全',
		'区应急管理局',
		'安全生产科 022-2639-6601',
		'上门开展消防隐患排查，指导电动车集中充电设施建设。'
	],
	[
		'policy',
		'规划许可与公共空间改造审批',
		'区规划资源局',
		'规划科 022-2639-7701',
		'小区公共空间改造、构筑物建设的规划许可办理指引。'
	]
];

/** The street's own departments (果园新村街道), answered by its department representative. */
const STREET_ITEMS: DemoItem[] = [
	[
		'funds',
		'街道民生微实事资金',
		'街道财政所',
		'李会计 022-2680-0101',
		'面向辖区社区的小额民生项目，单项不超过5万元，随报随审。'
	],
	[
		'technical',
		'加装电梯施工安全巡查',
		'街道规划建设科',
		'赵工 022-2680-0202',
		'施工期间每周一次现场安全巡查，督促围挡、吊装规范。'
	],
	[
		'other',
		'街道综合执法协助清理楼道堆物',
		'街道综合执法大队',
		'孙队长 022-2680-0303',
		'配合物业、居委会集中清理楼道杂物和飞线充电。'
	],
	[
		'other',
		'驻区单位共享停车位协调',
		'街道城管办',
		'钱主任 022-2680-0404',
		'协调周边机关、学校夜间向居民开放停车位。'
	],
	[
		'technical',
		'电动车充电设施安全检查',
		'街道应急办',
		'周干事 022-2680-0505',
		'对新建车棚、充电桩开展用电和消防安全检查。'
	],
	[
		'policy',
		'社区党群服务中心场地使用协调',
		'街道党建办',
		'吴主任 022-2680-0606',
		'协调党群服务中心、闲置用房用于助餐点、议事厅等民生用途。'
	]
];

/**
 * The demo's resource list — district and street items of every kind — and requests on the
 * demo projects past their pledge: one accepted, one declined with a comment, one waiting for
 * 高振东's answer. Runs after the projects and evaluation are seeded (it finds their boards).
 */
export async function seedDemoResources(stores: Stores, now: number) {
	const ids = new Map<string, string>();
	const add = async (unitId: string, items: DemoItem[], start: number) => {
		for (const [i, [kind, title, department, contact, description]] of items.entries()) {
			const id = `rs-demo-${unitId}-${i + 1}`;
			const at = start + i * 3_600_000;
			await stores.resources.addItem({
				id,
				unitId,
				kind,
				title,
				description,
				department,
				contact,
				active: true,
				createdBy: SEED_USER,
				createdAt: at,
				updatedBy: SEED_USER,
				updatedAt: at
			});
			ids.set(title, id);
		}
	};
	await add('d-beichen', DISTRICT_ITEMS, now - 90 * DAY);
	await add('s-guoyuan', STREET_ITEMS, now - 80 * DAY);

	const projects = await stores.projects.inCommunities(['c-a']);
	const titled = async (stage: string) => {
		for (const p of projects) {
			if (p.stage !== stage) continue;
			const doc = await stores.documents.get(p.boardId);
			if (doc) return doc;
		}
		return null;
	};
	const delivery = await titled('delivery');
	const evaluation = await titled('evaluation');
	const ask = async (
		n: number,
		boardId: string,
		title: string,
		note: string,
		at: number,
		decided?: { to: 'accepted' | 'declined'; comment: string; at: number }
	) => {
		const id = `rq-demo-${n}`;
		await stores.resources.addRequest({
			id,
			resourceId: ids.get(title)!,
			boardId,
			communityId: 'c-a',
			note,
			requestedBy: SECRETARY,
			requestedAt: at
		});
		if (decided)
			await stores.resources.closeRequest(id, decided.to, {
				userId: STREET_REP,
				at: decided.at,
				comment: decided.comment
			});
	};
	if (delivery) {
		await ask(
			1,
			delivery.id,
			'街道民生微实事资金',
			'电梯更换预算68万元，维修资金到位60万元，缺口约8万元，申请街道民生资金补足。',
			now - 12 * DAY,
			{
				to: 'accepted',
				comment: '同意拨付5万元，其余请申请区财政局书记项目专项资金。请于12月20日前报送预算明细。',
				at: now - 9 * DAY
			}
		);
		await ask(
			2,
			delivery.id,
			'加装电梯施工安全巡查',
			'电梯预计12月下旬进场施工，请安排每周安全巡查。',
			now - 2 * DAY
		);
	}
	if (evaluation) {
		await ask(
			3,
			evaluation.id,
			'电动车充电设施安全检查',
			'新建车棚40个充电口已通电，申请开展用电和消防安全检查。',
			now - 25 * DAY,
			{
				to: 'declined',
				comment:
					'本月检查计划已排满。车棚属新建充电设施，请直接申请区应急管理局“消防安全隐患排查与电动车充电安全”，该局可一周内上门。',
				at: now - 23 * DAY
			}
		);
	}
}
