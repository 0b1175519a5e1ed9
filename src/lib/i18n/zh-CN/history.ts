/** A board's history (issue 5): the timeline, the board as it was, and the tamper check. */
export const historyZh = {
	history: {
		title: '修改历史',
		link: '修改历史',
		intro: '每次修改的作者和时间，都来自服务器接收这次修改时的记录，不由任何人的设备决定。',
		changes: (n: number) => `共 ${n} 次修改`,
		steps: (n: number) => `${n} 次修改`,
		systemAuthors: {
			'system:seed': '系统（初始数据）',
			'system:migration': '系统（格式升级）'
		} as Record<string, string>,
		system: '系统',
		unknownAuthor: '未知用户',
		unrecorded: '没有记录的修改',
		pledgeBadge: '承诺变更',
		viewAt: '查看当时的看板',
		asItWas: (when: string) => `这是 ${when} 时的看板（只读）`,
		changedBy: (name: string) => `这一步由 ${name} 修改`,
		backToHistory: '返回修改历史',
		backToBoard: '返回看板',
		empty: '（空）',
		noHistory: '还没有任何修改记录。',
		lines: {
			created: (title: string) => `创建了看板「${title}」`,
			set: (field: string, to: string) => `把${field}设为 ${to}`,
			cleared: (field: string, from: string) => `清空了${field}（原为 ${from}）`,
			changed: (field: string, from: string, to: string) => `把${field}从 ${from} 改为 ${to}`,
			taskAdded: (title: string) => `添加了任务「${title}」`,
			taskRemoved: (title: string) => `删除了任务「${title}」`,
			taskMoved: (title: string, from: string, to: string) =>
				`把任务「${title}」从「${from}」移到「${to}」`,
			taskField: (title: string, field: string) => `任务「${title}」的${field}`,
			checklist: {
				added: (task: string, text: string) => `在任务「${task}」中添加了检查项「${text}」`,
				removed: (task: string, text: string) => `删除了任务「${task}」的检查项「${text}」`,
				done: (task: string, text: string) => `勾选了任务「${task}」的检查项「${text}」`,
				undone: (task: string, text: string) => `取消勾选任务「${task}」的检查项「${text}」`,
				edited: (task: string, text: string) => `修改了任务「${task}」的检查项为「${text}」`
			},
			progressAdded: (date: string, text: string) => `添加了 ${date} 的进展记录：${text}`,
			progressRemoved: (date: string, text: string) => `删除了 ${date} 的进展记录：${text}`,
			progressField: (date: string, field: string) => `${date} 进展记录的${field}`,
			other: '调整了顺序等细节'
		},
		fields: {
			title: '标题',
			level: '项目级别',
			category: '项目类别',
			unitId: '责任单位',
			problemIds: '关联的问题',
			schemaVersion: '数据格式版本',
			goal: '承诺目标',
			measures: '工作措施',
			responsible: '责任人',
			deadline: '承诺期限',
			budget: '预算',
			fundingSources: '资金来源'
		},
		taskFields: {
			title: '名称',
			status: '状态',
			owner: '负责人',
			due: '截止日期',
			notes: '备注',
			waivedReason: '免除原因'
		},
		progressFields: { date: '日期', text: '内容', photoIds: '照片' },
		check: {
			checking: '正在核验修改历史…',
			ok: (n: number) => `历史已核验：${n} 次修改，全部有记录`,
			failed: '历史核验未通过：本机的看板历史与服务器公布的记录不一致',
			missing: (n: number) => `服务器记录中有 ${n} 次修改不在本机副本里`,
			unrecorded: (n: number) => `本机副本中有 ${n} 次修改服务器没有记录`,
			server: (missing: number, unrecorded: number) =>
				`警告：服务器存储的看板历史与接收记录不符——${missing} 次记录在案的修改不见了，${unrecorded} 次修改没有记录。历史可能被改写。`,
			serverOk: (n: number) => `服务器存储的 ${n} 次修改与接收记录一致。`
		}
	}
};
