/** Agenda items (议题): the editor's item block and the meeting page's list of items. */
export const agendaItemsZh = {
	agendaItems: {
		add: '添加议题',
		badge: '议题',
		topicHint: '议题名称',
		notes: '讨论记录',
		raisedBy: '提出方',
		link: '关联',
		noLink: '不关联',
		demand: '诉求',
		project: '书记项目',
		minutes: '时长（分钟）',
		decision: '决定',
		decisions: {
			agreed: '通过',
			deferred: '暂缓',
			rejected: '不通过'
		},
		owner: '负责人',
		remove: '删除',
		confirmRemove: '删除这个议题（连同讨论记录）？',
		ownerGroups: { committee: '委员会', person: '委员会成员' },
		due: '完成期限',
		unset: '未填',
		/** Meeting page. */
		listTitle: '议题与决定',
		listHint: '议题的作者取自服务器的记录；各委员会可对每个议题分别签署。',
		none: '议程里还没有议题。',
		writtenBy: (committee: string, name: string) => `${committee} · ${name}`,
		unknownAuthor: '作者未知',
		task: '任务',
		taskStates: {
			todo: '待办',
			doing: '进行中',
			done: '已完成',
			waived: '已免除'
		},
		taskMissing: '任务已从看板删除',
		noTask: '尚未生成任务（形成纪要时生成）',
		noTaskRecorded: '没有任务记录',
		openTask: '查看任务',
		actionList: '行动清单',
		itemSigned: (committee: string, name: string) => `${committee}已签署（${name}）`,
		signItem: (committee: string) => `${committee}签署`,
		withdraw: '撤回',
		taskNote: (url: string) => `来自联合办公会议题：${url}`
	}
};
