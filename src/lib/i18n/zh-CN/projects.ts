/** Secretary projects (书记项目): board v2 fields, stages, gates and the stage panel. */
export const projectsZh = {
	projects: {
		levels: { district: '区级', street: '街镇级', community: '村社区级', department: '委局级' },
		categories: {
			livelihood: '民生服务',
			safety: '安全',
			environment: '环境',
			elderly_care: '养老',
			culture: '文化',
			governance: '基层治理',
			other: '其他'
		},
		committees: {
			residents_committee: '居委会',
			owners_committee: '业委会',
			property_company: '物业'
		},
		responsible: '责任人',
		budget: '预算',
		fundingSources: '资金来源',
		problems: (n: number) => `回应问题清单 ${n} 项`,
		checklist: '检查项',
		waivedReason: '免除原因',
		progress: '进展记录',
		noProgress: '暂无进展记录',
		photos: (n: number) => `照片 ${n} 张`,
		stages: {
			topic: '承诺定题',
			pledge: '亮诺明责',
			delivery: '践诺履职',
			evaluation: '评诺提升',
			closed: '已办结'
		},
		panel: {
			title: '项目阶段',
			current: (stage: string) => `当前阶段：${stage}`,
			unmet: '进入下一阶段还差：',
			moveTo: (stage: string) => `进入「${stage}」`,
			moveBack: (stage: string) => `退回「${stage}」`,
			reason: '退回原因（必填）',
			reasonPlaceholder: '说明为什么退回，所有人可见',
			publish: '发布承诺',
			revise: '发布修订',
			reviseReason: '修订原因（必填）',
			draftDiffers: '已发布的承诺与草稿不同',
			revisions: '承诺发布记录',
			revision: (n: number) => `第 ${n} 版`,
			noRevisions: '承诺尚未发布',
			moves: '阶段变更记录',
			by: (name: string) => `由 ${name}`,
			failed: '操作未成功，请刷新后重试。'
		},
		gates: {
			goal: '填写承诺目标',
			measures: '填写工作措施',
			responsible: '至少填写一名责任人',
			deadline: '填写完成时限',
			tasks_open: (n: number) => `还有 ${n} 项任务未完成（完成或注明原因后免除）`,
			waived_without_reason: (n: number) => `${n} 项免除的任务没有写明原因`,
			rectification_open: (n: number) => `还有 ${n} 项整改未完成`,
			reason_required: '退回需要写明原因',
			not_next: '只能前进一个阶段，或退回一个阶段'
		}
	}
};
