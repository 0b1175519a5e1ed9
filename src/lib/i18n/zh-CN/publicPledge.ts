/** The public pledge (亮诺): the page anyone may open, the community noticeboard, the PDF sheet. */
export const publicPledgeZh = {
	publicPledge: {
		kicker: '书记项目 · 亮诺公示',
		metaDescription: (unit: string, goal: string) => `${unit}书记项目公开承诺：${goal}`,
		pledge: '公开承诺',
		goal: '承诺目标',
		measures: '工作措施',
		responsible: '责任人',
		deadline: '完成时限',
		budget: '预算',
		fundingSources: '资金来源',
		none: '—',
		version: (n: number, date: string) => `第 ${n} 版 · ${date} 发布`,
		overdue: '已超过承诺时限',
		deadlineMoved: (from: string, to: string) => `完成时限由 ${from} 调整为 ${to}`,
		revisions: '承诺修订记录',
		firstPublished: '首次发布',
		reason: (text: string) => `修订原因：${text}`,
		stage: '项目进度',
		currentStage: (stage: string) => `当前阶段：${stage}`,
		closed: '项目已办结',
		progress: '进展记录',
		noProgress: '暂无进展记录。',
		photo: (n: number) => `进展照片 ${n}`,
		evaluation: '评价结果',
		report: '完成情况汇报',
		publishedOn: (date: string) => `${date} 发布`,
		acceptance: '现场验收',
		roles: {
			deputy: '代表委员',
			department_rep: '职能部门代表',
			evaluator: '验收人'
		},
		survey: '群众满意度测评',
		surveyRound: (n: number) => `第 ${n} 次测评`,
		surveyOpen: (date: string) => `测评进行中，${date} 截止；结束后公布结果。`,
		surveyShare: (pct: string, need: string) => `满意率 ${pct}（要求不低于 ${need}）`,
		surveyVotes: (votes: number, electorate: number) =>
			`${votes} 位居民参与，共 ${electorate} 位居民可参与`,
		outcomes: { passed: '达标', rectification: '未达标，进入整改' },
		rectification: '整改事项',
		rectificationStates: { done: '已完成', open: '整改中', gone: '已撤销' },
		pdf: '下载承诺书（PDF，可打印）',
		community: (name: string) => `${name}书记项目公示`,
		communityLink: (name: string) => `查看${name}全部公开项目`,
		communityIntro: '以下是本社区已公开承诺的书记项目，点击查看承诺、进展和评价。',
		noProjects: '本社区还没有公开承诺的项目。',
		deadlineShort: (date: string) => `时限 ${date}`,
		boardLink: '公开页',
		sheet: {
			heading: '书记项目公开承诺书',
			unit: '承诺单位',
			revision: (n: number, date: string) => `第 ${n} 版，${date} 发布`,
			reason: (text: string) => `本版修订原因：${text}`,
			footer: (url: string) => `项目进展与评价结果请访问：${url}`,
			page: (n: number, of: number) => `第 ${n} 页 / 共 ${of} 页`,
			noFont:
				'服务器缺少中文字体，暂时无法生成承诺书 PDF。请联系管理员安装中文字体（如 fonts-noto-cjk）。',
			busy: '服务器正忙，暂时无法生成承诺书 PDF，请几秒后再试。'
		}
	}
};
