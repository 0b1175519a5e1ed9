/** The project overviews (书记项目总览) of a community and of a street or district, and their export. */
export const overviewZh = {
	overview: {
		title: (unit: string) => `${unit} · 书记项目总览`,
		homeLink: '书记项目总览',
		communityLink: '书记项目',
		publishedOnly: '这里显示已公开承诺的项目。',
		figures: {
			total: '项目总数',
			livelihood: '民生服务项目',
			overdue: '逾期承诺',
			passed: '满意度测评通过'
		},
		count: (n: number) => `${n} 个`,
		ofTotal: (part: number, total: number) => `${part} / ${total}`,
		charts: {
			byLevel: '按层级',
			byStage: '按阶段',
			byCategory: '按类别',
			livelihood: '民生服务项目占比',
			livelihoodPart: '民生服务',
			otherPart: '其他类别',
			satisfaction: '满意度测评结果（最近一次）',
			noSurvey: '还没有结束的满意度测评。',
			threshold: (pct: string) => `达标线 ${pct}`,
			result: (share: string, threshold: string, passed: boolean) =>
				`满意率 ${share}，达标线 ${threshold}，${passed ? '达标' : '未达标'}`,
			passed: '达标',
			failed: '未达标',
			label: '项目',
			count: '数量',
			showTable: '以表格查看'
		},
		list: {
			title: '项目清单',
			stage: '阶段',
			level: '层级',
			category: '类别',
			community: '社区',
			all: '全部',
			overdueOnly: '只看逾期',
			apply: '筛选',
			reset: '清除筛选',
			shown: (shown: number, total: number) => `显示 ${shown} / ${total} 个项目`,
			none: '没有符合条件的项目。',
			deadline: (date: string) => `期限 ${date}`,
			responsible: (names: string) => `责任人 ${names}`,
			overdue: '已逾期',
			notPublished: '承诺未发布',
			satisfaction: (share: string, passed: boolean) =>
				`满意率 ${share}（${passed ? '达标' : '未达标'}）`
		},
		communities: {
			title: '各社区情况',
			community: '社区',
			total: '项目',
			active: '进行中',
			overdue: '逾期',
			livelihood: '民生占比',
			passed: '测评通过'
		},
		exportXlsx: '导出 Excel',
		exportCsv: '导出 CSV',
		exportHint: '导出的是下方按当前筛选条件列出的项目。',
		columns: {
			title: '项目名称',
			level: '层级',
			unit: '单位',
			category: '类别',
			stage: '阶段',
			responsible: '责任人',
			deadline: '承诺期限',
			overdue: '是否逾期',
			satisfaction: '满意率',
			link: '链接'
		},
		yes: '是',
		no: '否',
		sheet: '书记项目清单',
		exportFile: (unit: string, date: string) => `书记项目_${unit}_${date}`
	}
};
