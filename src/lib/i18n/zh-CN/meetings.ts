/** Joint meetings (多委联合办公会) and the community action list (行动清单). */
export const meetingsZh = {
	meetings: {
		title: '联合办公会',
		homeLink: '联合办公会',
		listTitle: (community: string) => `${community} · 联合办公会`,
		none: '还没有会议。',
		states: {
			draft: '草稿',
			published: '已发布',
			in_session: '会议中',
			minuted: '已形成纪要',
			correcting: '纪要更正中'
		},
		create: {
			title: '新建会议',
			name: '会议名称',
			date: '日期',
			time: '时间（北京时间）',
			place: '地点',
			committees: '参会委员会',
			otherParties: '其他参会方',
			otherPartiesHint: '每行一个，例如驻区单位、社会组织',
			submit: '创建会议（草稿）'
		},
		invalid: {
			title: '请填写会议名称（60 字以内）。',
			when: '请填写有效的日期和时间。',
			place: '请填写地点（60 字以内）。',
			committees: '请至少选择一个参会委员会。',
			otherParties: '其他参会方最多 12 个，每个不超过 40 字。',
			reason: '请填写更正原因。',
			committee: '请选择委员会。'
		} as Record<string, string>,
		refused: {
			skip: '会议状态只能逐步推进，不能跳过。',
			state: '会议当前的状态不允许这样做。',
			already_signed: '该委员会已经签署。',
			not_member: '只能代表自己所在的委员会签署。',
			not_attending: '该委员会没有参加这次会议。',
			not_signer: '只能撤回自己的签署。',
			forbidden: '你没有权限这样做。',
			conflict: '会议刚被别人更新了，请刷新后再试。'
		} as Record<string, string>,
		when: '时间',
		place: '地点',
		attending: '参会委员会',
		others: '其他参会方',
		state: '状态',
		agenda: '议程',
		openAgenda: '打开议程',
		editAgenda: '编辑议程',
		minutedNote: '已形成纪要：议程对所有人只读。如需更正，请发起新版本，原版本保留。',
		unsavedAfterMinuted:
			'会议已形成纪要，您离线时的修改没有进入议程（仍保存在本机）。如需补充，请联系书记发起更正。',
		draftNote: '草稿仅书记和各委员会可见，发布后居民可以查看议程。',
		actions: {
			published: '发布会议',
			in_session: '开始会议',
			minuted: '形成纪要',
			correcting: '发起更正'
		},
		editDetails: '修改会议信息',
		saveDetails: '保存修改',
		confirmMinute: '形成纪要后，任何人都不能再修改议程。确定吗？',
		correctReason: '更正原因',
		signatures: '委员会签署',
		signaturesHint: '各参会委员会分别签署，表示同意本次会议的纪要和决定。',
		signFor: (committee: string) => `代表${committee}签署同意`,
		signedBy: (name: string) => `${name} 已签署`,
		withdraw: '撤回我的签署',
		notSigned: '未签署',
		withdrawnBy: (name: string) => `${name} 的签署已撤回`,
		revisions: '议程版本',
		revision: (n: number) => `第 ${n} 版`,
		current: '当前版本',
		correctionOf: (n: number) => `更正自第 ${n} 版`,
		history: '状态记录',
		created: '创建',
		movedTo: (state: string) => `→ ${state}`,
		agendaSeed: ['议题一：', '议题二：'],
		actionList: {
			title: '社区行动清单',
			homeLink: '行动清单',
			kind: '行动清单',
			hint: '不属于任何书记项目的待办事项，例如联合办公会的决定。'
		}
	}
};
