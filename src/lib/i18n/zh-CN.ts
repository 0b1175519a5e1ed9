/**
 * Simplified Chinese: the source of every user-facing string. Components read messages through
 * `m()` (see index.ts), never hard-code text. Add a key here first, then to en.ts (the compiler
 * refuses an en.ts that misses one).
 */
export const zhCN = {
	app: {
		name: '共治',
		tagline: '社区多委联合办公平台'
	},
	sync: {
		online: '在线',
		offline: '离线',
		connecting: '连接中…',
		pending: '有改动等待同步',
		synced: '已全部同步',
		readOnly: '只读',
		newerSchema: '此文档由新版本创建，请更新应用后再编辑。现以只读方式打开。',
		contentError: '此文档包含本版本无法显示的内容，已改为只读以免丢失。请更新应用。',
		logoutDiscard: '还有改动尚未同步到服务器。退出将丢弃这些改动，确定退出吗？',
		notAvailable: '无法打开此文档：本机没有副本，且暂时连不上服务器。'
	},
	agenda: {
		title: '会议议程',
		present: '在场',
		viewers: (n: number) => `${n} 人旁听`,
		nobody: '暂无其他人',
		editorLabel: '议程内容',
		loading: '正在打开议程…',
		roles: {
			secretary: '书记',
			residents_committee: '居委会',
			owners_committee: '业委会',
			property_company: '物业',
			party_member: '党员',
			resident: '居民',
			deputy: '代表'
		}
	},
	board: {
		title: '书记项目看板',
		pledge: '承诺',
		goal: '目标',
		measures: '措施',
		owner: '责任人',
		deadline: '完成时限',
		tasks: '任务',
		columns: { todo: '待办', doing: '进行中', done: '已完成' },
		addTask: '添加任务',
		newTaskTitle: '任务名称',
		add: '添加',
		moveTo: '移到',
		markDone: '完成',
		notes: '备注',
		due: '截止',
		empty: '暂无任务',
		loading: '正在打开看板…'
	}
};

export type Messages = typeof zhCN;
