/** Issue 6, history and export: the minutes (PDF, Word) and named versions of an agenda. */
export const agendaHistoryZh = {
	minutes: {
		heading: '多委联合办公会会议纪要',
		section: '会议纪要与版本',
		exportPdf: '导出纪要（PDF）',
		exportDocx: '导出纪要（Word）',
		exportHint: '按当前议程生成，含各议题的决定、负责人和完成时限。',
		file: (title: string) => `${title}-会议纪要`,
		when: '时间',
		place: '地点',
		community: '社区',
		attendees: '参会委员会',
		others: '其他参会方',
		state: '会议状态',
		revision: (n: number) => `议程第 ${n} 版`,
		correction: (reason: string) => `更正原因：${reason}`,
		versionNote: (name: string, at: string) =>
			`本文件依据命名版本「${name}」（${at} 保存）生成，不是最终纪要。`,
		items: '议题与决定',
		item: (n: number) =>
			`议题${['一', '二', '三', '四', '五', '六', '七', '八', '九', '十'][n - 1] ?? n}`,
		topic: '议题',
		raisedBy: '提出方',
		notes: '讨论情况',
		decision: '决定',
		owner: '负责人',
		due: '完成时限',
		signedItem: '已同意的委员会',
		decisions: { agreed: '同意', deferred: '暂缓', rejected: '不同意' },
		none: '无',
		unknownPerson: '（非本社区人员）',
		content: '会议内容',
		noContent: '议程中还没有内容。',
		signatures: '委员会签署',
		signedBy: (name: string, at: string) => `${name}（${at}）`,
		notSigned: '未签署',
		generated: (at: string) => `生成时间：${at}（北京时间）`,
		page: (n: number, of: number) => `第 ${n} 页 / 共 ${of} 页`,
		noFont:
			'服务器没有可用的中文字体，暂时无法生成 PDF 纪要。请联系管理员安装中文字体（如 fonts-noto-cjk）。'
	},
	versions: {
		title: '命名版本',
		link: '命名版本',
		intro: '给议程的当前内容起个名字保存下来（例如“会前定稿”），之后可以对照查看或恢复。',
		name: '版本名称',
		namePlaceholder: '例如：会前定稿',
		save: '保存当前内容为命名版本',
		none: '还没有命名版本。',
		savedBy: (name: string, at: string) => `${name} 保存于 ${at}`,
		beforeRestore: '恢复前自动保存',
		autoName: (name: string) => `恢复「${name}」前的内容`,
		view: '对照查看',
		back: '返回版本列表',
		backToAgenda: '返回议程',
		versionSide: (name: string) => `版本「${name}」`,
		currentSide: '当前内容',
		changed: '与另一侧不同',
		legend: '标色的段落在两侧不同。',
		restore: '恢复为此版本',
		restoreConfirm:
			'恢复会把议程内容改成这个版本（作为你的一次修改，所有人都会看到）。恢复前的内容会自动另存为命名版本，可以随时再恢复。确定吗？',
		restoring: '正在恢复…',
		restored: '已恢复。议程内容已改为这个版本。',
		undo: '撤销这次恢复',
		undone: '已撤销。',
		readOnly: '你可以查看版本，但不能保存或恢复。',
		closed: '议程已形成纪要或已被新版本取代，不能再保存版本或恢复。',
		invalid: {
			name: '请填写版本名称（40 字以内，不含换行）。'
		} as Record<string, string>,
		refused: {
			too_many: '这份议程的命名版本已达上限（30 个）。',
			closed: '议程已形成纪要或已被新版本取代，不能再保存版本或恢复。',
			forbidden: '你没有权限这样做。',
			offline: '连不上服务器，恢复没有完成，请稍后再试。'
		} as Record<string, string>
	}
};
