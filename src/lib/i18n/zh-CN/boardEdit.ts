/** Editing a secretary-project board: the pledge form, task details and the progress log. */
export const boardEditZh = {
	boardEdit: {
		autosave: '改动自动保存；离线时先存在本机，联网后自动同步。',
		projectTitle: '项目名称',
		level: '项目层级',
		unit: '责任单位',
		category: '项目类别',
		problems: '回应的问题',
		problemsHint: '从社区问题清单中勾选本项目要解决的问题',
		noProblems: '问题清单暂无条目',
		noneLinked: '未关联问题清单',
		goal: '承诺目标',
		goalHint: '要解决什么问题，做到什么程度',
		measures: '工作措施',
		measuresHint: '分几步做，谁来做',
		responsible: '责任人',
		responsiblePlaceholder: '姓名（职务）',
		deadline: '完成时限',
		budget: '预算',
		budgetPlaceholder: '例如：15万元',
		fundingSources: '资金来源',
		fundingPlaceholder: '例如：街道养老服务补贴',
		add: '添加',
		remove: (what: string) => `删除「${what}」`,
		notSet: '未填写',
		overdue: (days: number) => `已逾期 ${days} 天`,
		task: {
			edit: '编辑',
			title: '任务名称',
			owner: '负责方',
			noOwner: '未指定',
			committees: '三委',
			people: '人员',
			due: '截止日期',
			checklist: '检查项',
			progress: (done: number, total: number) => `检查项 ${done}/${total}`,
			addItem: '添加检查项',
			itemPlaceholder: '新检查项',
			itemText: (n: number) => `第 ${n} 项内容`
		},
		progress: {
			add: '记录进展',
			date: '日期',
			text: '进展情况',
			textPlaceholder: '今天做了什么，到了哪一步',
			photos: '照片（最多 6 张）',
			save: '保存进展',
			uploading: '正在上传照片…',
			offlinePhotos: '离线时不能上传照片。文字可以先保存，联网后再记一条带照片的进展。',
			photoAlt: (date: string, n: number) => `${date} 进展照片 ${n}`,
			remove: '删除这条进展',
			removeConfirm: '删除这条进展？所有人仍能在历史记录中看到它。',
			errors: {
				too_large: '照片太大（每张最大 8 MB）',
				not_an_image: '只能上传 JPEG、PNG 或 WebP 格式的照片',
				empty: '照片文件是空的',
				too_many: '这个看板的照片已达上限',
				failed: '照片没有上传成功，请联网后重试'
			}
		}
	}
};
