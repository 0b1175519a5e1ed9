import { agendaItemsZh } from './zh-CN/agendaItems';
import { notificationsZh } from './zh-CN/notifications';
import { metricsZh } from './zh-CN/metrics';
import { chainZh } from './zh-CN/chain';
import { evaluationZh } from './zh-CN/evaluation';
import { projectsZh } from './zh-CN/projects';
import { historyZh } from './zh-CN/history';
import { resourcesZh } from './zh-CN/resources';
import { overviewZh } from './zh-CN/overview';
import { boardEditZh } from './zh-CN/boardEdit';
import { meetingsZh } from './zh-CN/meetings';
import { publicPledgeZh } from './zh-CN/publicPledge';
import { agendaHistoryZh } from './zh-CN/agendaHistory';
import { commentsZh } from './zh-CN/comments';
/**
 * Simplified Chinese: the source of every user-facing string. Components read messages through
 * `useI18n()` (see index.ts), never hard-code text. Add a key here first, then to en.ts (the
 * compiler refuses an en.ts that misses one). Messages with values are functions.
 */
import { demandsZh } from './zh-CN/demands';

export const zhCN = {
	...chainZh,
	...notificationsZh,
	...evaluationZh,
	...projectsZh,
	...historyZh,
	...resourcesZh,
	...overviewZh,
	...boardEditZh,
	...meetingsZh,
	...agendaItemsZh,
	...publicPledgeZh,
	...agendaHistoryZh,
	...commentsZh,
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
		closedProject: '项目已办结，看板已锁定为只读。',
		closedProjectManager:
			'项目已办结，看板已锁定为只读。如需修改，可将项目退回上一阶段（需说明原因）。',
		changesRefused:
			'你对这块看板的修改没有保存到服务器：你现在只能查看它（项目可能已办结，或你的权限有变）。这些修改只留在本设备上。刷新页面可看到最新内容。',
		newerSchema: '此文档由新版本创建，请更新应用后再编辑。现以只读方式打开。',
		contentError: '此文档包含本版本无法显示的内容，已改为只读以免丢失。请更新应用。',
		logoutDiscard: '还有改动尚未同步到服务器。退出将丢弃这些改动，确定退出吗？',
		notAvailable: '无法打开此文档：本机没有副本，且暂时连不上服务器。',
		sessionExpired: '登录已过期：本机的改动都还在，重新登录后会自动同步。点此登录'
	},
	agenda: {
		title: '会议议程',
		present: '在场',
		viewers: (n: number) => `${n} 人旁听`,
		nobody: '暂无其他人',
		editorLabel: '议程内容',
		loading: '正在打开议程…',
		fetching: '本设备上还没有这份议程，正在从服务器载入…',
		roles: {
			secretary: '书记',
			residents_committee: '居委会',
			owners_committee: '业委会',
			property_company: '物业',
			party_member: '党员',
			volunteer: '志愿者',
			resident: '居民',
			grid_leader: '网格长',
			building_leader: '楼栋长',
			household_contact: '中心户',
			officer: '街道',
			deputy: '代表',
			department_rep: '部门代表',
			district_admin: '管理员'
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
		columns: { todo: '待办', doing: '进行中', done: '已完成', waived: '已免除' },
		addTask: '添加任务',
		newTaskTitle: '任务名称',
		add: '添加',
		moveTo: '移到',
		markDone: '完成',
		notes: '备注',
		due: '截止',
		empty: '暂无任务',
		loading: '正在打开看板…'
	},
	nav: {
		home: '首页',
		account: '账号',
		settings: '设置',
		logout: '退出登录',
		login: '登录',
		signedInAs: (name: string) => `当前用户：${name}`,
		skipToContent: '跳到正文'
	},
	settings: {
		title: '显示设置',
		language: '语言',
		switchLanguage: 'English',
		switchLanguageLabel: '切换为英文界面',
		largeText: '大字',
		largeTextOn: '大字：开',
		largeTextOff: '大字：关',
		largeTextLabel: '切换大字显示'
	},
	login: {
		title: '登录',
		username: '用户名',
		password: '密码',
		submit: '登录',
		failed: '用户名或密码不正确。',
		throttled: (seconds: number) => `尝试次数过多，请 ${Math.ceil(seconds / 60)} 分钟后再试。`,
		forgot: '忘记密码？请找社区书记领取重置码。',
		haveCode: '我有重置码',
		demoTitle: '演示账号',
		demoHint: (password: string) => `以下账号的密码都是 ${password}`
	},
	logout: {
		pendingConfirm: '本机还有未同步的修改。仍然退出并丢弃这些修改吗？'
	},
	home: {
		title: '我的社区',
		noCommunities: '你还没有加入任何社区。',
		documents: '文档',
		noDocuments: '这个社区还没有文档。',
		agenda: '会议议程',
		board: '书记项目',
		members: '成员与邀请',
		audit: '审计日志',
		admin: (district: string) => `${district} · 账号管理`
	},
	access: {
		write: '可编辑',
		comment: '可评论',
		read: '只读'
	},
	roles: {
		secretary: '社区党组织书记',
		residents_committee: '居委会',
		owners_committee: '业委会',
		property_company: '物业服务企业',
		party_member: '党员',
		volunteer: '志愿者',
		resident: '居民',
		grid_leader: '网格长',
		building_leader: '楼栋长',
		household_contact: '党员中心户',
		officer: '街道/区工作人员',
		deputy: '代表委员',
		department_rep: '职能部门代表',
		district_admin: '区级账号管理员'
	},
	account: {
		title: '我的账号',
		changePassword: '修改密码',
		currentPassword: '当前密码',
		newPassword: '新密码',
		newPasswordHint: (min: number) => `至少 ${min} 个字符`,
		submit: '保存新密码',
		wrongPassword: '当前密码不正确。',
		tooShort: (min: number) => `新密码至少需要 ${min} 个字符。`,
		tooLong: '新密码太长。',
		changed: '密码已修改。其他设备上的登录已失效。'
	},
	members: {
		title: (community: string) => `${community} · 成员`,
		list: '成员',
		name: '姓名',
		username: '用户名',
		role: '角色',
		none: '暂无成员。',
		invite: '邀请新成员',
		inviteRole: '角色',
		inviteDays: '有效期（天）',
		createInvite: '生成邀请链接',
		inviteCreated: '邀请链接（只显示这一次，请立即复制发给对方）：',
		invites: '邀请记录',
		noInvites: '暂无邀请。',
		expires: '到期',
		status: '状态',
		statusActive: '有效',
		statusUsed: '已使用',
		statusRevoked: '已撤销',
		statusExpired: '已过期',
		revoke: '撤销',
		resetCode: '发放重置码',
		resetCodeFor: '为该成员发放密码重置码',
		resetCodeCreated: (name: string) =>
			`${name} 的重置码（只显示这一次，24 小时内有效，只能使用一次）：`,
		badRole: '你不能授予这个角色。',
		badDays: '有效期须为 1 到 14 天。',
		notMember: '该用户不是本社区成员。',
		removeRole: '移除角色',
		removeRoleFor: (name: string, role: string) => `移除 ${name} 的“${role}”角色`,
		roleRemoved: (name: string, role: string) =>
			`已移除 ${name} 的“${role}”角色。其已打开的文档连接会立即失去相应权限。`,
		cannotRemove: '你不能移除这个角色（包括你自己的角色）。',
		auditLink: '查看本社区审计日志'
	},
	invite: {
		title: '加入社区',
		intro: (community: string, role: string) => `你被邀请以“${role}”的身份加入${community}。`,
		invalid: '这个邀请链接无效、已使用、已撤销或已过期。',
		register: '新用户注册',
		username: '用户名',
		usernameHint: '3–32 个字母、数字、- 或 _',
		displayName: '姓名',
		password: '密码',
		submitRegister: '注册并加入',
		accept: (name: string) => `以 ${name} 的身份接受邀请`,
		submitAccept: '接受邀请',
		usernameTaken: '这个用户名已被使用。',
		badUsername: '用户名须为 3–32 个字母、数字、- 或 _。',
		badDisplayName: '请填写姓名（最多 40 个字）。',
		tooShort: (min: number) => `密码至少需要 ${min} 个字符。`,
		tooLong: '密码太长。'
	},
	reset: {
		title: '用重置码设置新密码',
		intro: '请向社区书记领取重置码。重置码 24 小时内有效，只能使用一次。',
		username: '用户名',
		code: '重置码',
		newPassword: '新密码',
		submit: '设置新密码',
		failed: '用户名或重置码不正确，或重置码已失效。',
		tooShort: (min: number) => `新密码至少需要 ${min} 个字符。`,
		tooLong: '新密码太长。',
		done: '密码已设置，请用新密码登录。'
	},
	admin: {
		title: (district: string) => `${district} · 账号管理`,
		intro: '停用账号会立即结束该用户在所有设备上的登录和已打开的同步连接。',
		users: '账号',
		none: '暂无账号。',
		statusActive: '正常',
		statusDisabled: '已停用',
		disable: '停用',
		enable: '重新启用',
		disabledDone: (name: string) => `已停用 ${name} 的账号，其所有登录已失效。`,
		enabledDone: (name: string) => `已重新启用 ${name} 的账号。`,
		notSelf: '不能停用自己的账号。',
		notFound: '找不到这个账号。',
		auditLink: '查看全区审计日志'
	},
	audit: {
		title: (scope: string) => `${scope} · 审计日志`,
		intro: '此日志只能追加：任何人（包括管理员）都无法通过本系统修改或删除其中的记录。',
		when: '时间',
		who: '操作人',
		action: '操作',
		target: '对象',
		detail: '详情',
		none: '暂无记录。',
		older: '更早的记录',
		anonymous: '（未登录）',
		yes: '是',
		no: '否',
		fields: {
			role: '角色',
			days: '有效天数',
			address: '来源地址',
			throttled: '已限流',
			invite: '邀请',
			invitedBy: '邀请人',
			format: '格式',
			from: '开始',
			to: '结束',
			demands: '点单数',
			sheet: '表'
		} as Record<string, string>,
		actions: {
			login: '登录',
			login_failed: '登录失败',
			logout: '退出登录',
			password_changed: '修改密码',
			password_reset: '用重置码重设密码',
			reset_failed: '重置码验证失败',
			reset_code_issued: '发放重置码',
			invite_created: '创建邀请',
			invite_revoked: '撤销邀请',
			invite_accepted: '接受邀请',
			user_registered: '注册新账号',
			role_removed: '移除角色',
			account_disabled: '停用账号',
			account_enabled: '重新启用账号',
			export: '导出数据',
			problem_marked: '列入问题清单',
			resident_confirmed: '确认居民',
			resident_rejected: '拒绝居民注册',
			chain_changed: '调整网格与楼栋',
			residents_imported: '导入居民',
			completion_reported: '发布完成情况汇报',
			evaluator_invited: '邀请验收人',
			acceptance_signed: '签署验收意见',
			survey_opened: '发起满意度测评',
			survey_closed: '结束满意度测评',
			rectification_added: '录入整改事项',
			rectification_done: '整改事项完成',
			project_created: '新建书记项目',
			pledge_published: '发布承诺',
			pledge_revised: '发布承诺修订',
			stage_moved: '变更项目阶段',
			resource_published: '发布资源',
			resource_edited: '修改资源',
			resource_withdrawn: '下架资源',
			resource_restored: '重新上架资源',
			resource_requested: '申请资源',
			resource_request_withdrawn: '撤回资源申请',
			resource_decided: '答复资源申请',
			meeting_created: '新建联合办公会',
			meeting_edited: '修改会议信息',
			meeting_moved: '变更会议状态',
			meeting_corrected: '发起纪要更正',
			meeting_signed: '委员会签署',
			meeting_signature_withdrawn: '撤回委员会签署',
			agenda_version_saved: '保存议程命名版本',
			agenda_version_restored: '恢复议程命名版本',
			comment_hidden: '隐藏评论'
		}
	},
	metrics: metricsZh,
	demands: demandsZh,
	errors: {
		title: '出错了',
		notFound: '页面不存在，或你没有权限查看。',
		forbidden: '请求被拒绝。',
		generic: '服务器出了点问题，请稍后再试。',
		backHome: '返回首页'
	}
};

export type Messages = typeof zhCN;
