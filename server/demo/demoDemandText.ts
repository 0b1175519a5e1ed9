import type { DemandCategory } from '../../src/lib/domain/demands';

/**
 * What residents of the demo district write, and what the takers answer, by category. Fictional
 * but typical of a Tianjin residential community. `{b}` is the building number, `{u}` a
 * stairwell (单元), `{f}` a floor.
 */
export const DEMAND_TEMPLATES: Record<DemandCategory, readonly string[]> = {
	repair: [
		'{b}号楼{u}单元楼道灯坏了，晚上上下楼看不清，老人容易摔倒。',
		'{b}号楼{f}层水管漏水，楼下邻居家天花板已经渗水。',
		'{b}号楼{u}单元门禁坏了，门关不上。',
		'{b}号楼暖气不热，家里只有十五度，请尽快处理。',
		'{b}号楼{u}单元楼梯扶手松动，存在安全隐患。',
		'{b}号楼单元门口地砖破损，雨天积水。'
	],
	safety_hazard: [
		'{b}号楼{u}单元楼道堆放纸箱杂物，堵塞消防通道。',
		'{b}号楼下有电动车在楼道里充电，飞线充电很危险。',
		'{b}号楼外墙瓷砖有脱落，下面经常有孩子玩耍。',
		'{b}号楼附近闻到煤气味，请尽快派人查看。',
		'{b}号楼{u}单元消防栓没有水，灭火器过期。'
	],
	dispute: [
		'{b}号楼{f}层装修噪音太大，晚上十点以后还在施工，协商无果。',
		'{b}号楼楼上邻居家漏水，双方对维修费用有争议。',
		'{b}号楼有住户在公共绿地私自种菜，邻居意见很大。',
		'{b}号楼{u}单元邻居养狗不拴绳，已经发生口角。'
	],
	environment: [
		'{b}号楼旁垃圾桶满了没人清运，气味很大。',
		'{b}号楼前绿化带杂草丛生，蚊虫很多。',
		'{b}号楼下水道堵塞，污水外溢。',
		'小区内有人乱扔建筑垃圾，堆在{b}号楼东侧。'
	],
	elderly_care: [
		'{b}号楼{f}层独居老人行动不便，希望有人帮忙代买药品。',
		'{b}号楼{u}单元八十多岁老人家里没人照顾，请网格员上门看看。',
		'{b}号楼有老人想申请助餐服务，不会在手机上操作。',
		'{b}号楼老人家中电视和电话坏了，子女不在身边。'
	],
	parking: [
		'{b}号楼门口长期停着一辆僵尸车，占用车位。',
		'晚上有车停在{b}号楼旁的消防通道上。',
		'{b}号楼附近车位被地锁私占。',
		'小区东门外来车辆乱停，{b}号楼居民进出困难。'
	],
	property_service: [
		'{b}号楼电梯又坏了，一个月坏了好几次，物业一直拖着不修。',
		'物业收费后{b}号楼楼道卫生没人打扫。',
		'{b}号楼地下室积水，物业说不归他们管。',
		'{b}号楼保安夜间不在岗，外来人员随意进出。',
		'物业维修电话一直打不通，{b}号楼报修三天没人来。'
	],
	other: [
		'希望在{b}号楼附近增加健身器材。',
		'{b}号楼宣传栏信息太旧，希望及时更新社区通知。',
		'咨询{b}号楼老旧小区改造什么时候开始。'
	]
};

export const RESOLUTION_TEMPLATES: Record<DemandCategory, readonly string[]> = {
	repair: ['已联系维修人员上门，更换配件后恢复正常。', '已现场维修完毕，居民确认。'],
	safety_hazard: ['已清理杂物，通道畅通，并张贴提示。', '已联系相关部门现场处置，隐患已消除。'],
	dispute: ['网格员组织双方协商，达成一致意见。', '已调解，双方签订协议。'],
	environment: ['已安排保洁清运，并增加清运频次。', '已清理完毕，后续定期巡查。'],
	elderly_care: ['党员中心户已上门帮扶，并结成长期对子。', '已对接助老服务，每周上门一次。'],
	parking: ['已联系车主挪车，并在该处设置提示牌。', '已拆除私装地锁，恢复公共车位。'],
	property_service: ['已督促物业整改，并在联合办公会上通报。', '物业已完成维修，居委会跟进回访。'],
	other: ['已向上级反映并答复居民。', '已纳入社区年度工作计划。']
};

/** People of the demo history (fictional): who files and who takes, per community. */
export const HISTORY_NAMES = {
	residents: ['刘淑珍', '高德明', '孙玉兰', '何建国', '罗桂芳', '梁志强', '宋秀云', '谢长顺'],
	takers: [
		'韩立新',
		'冯晓红',
		'曹永刚',
		'邓美玲',
		'许文斌',
		'彭丽萍',
		'潘德胜',
		'田秀华',
		'钟志明'
	],
	gridWorkers: ['唐国庆', '蒋红梅', '董建平', '袁春燕', '程立军', '魏淑芬']
} as const;
