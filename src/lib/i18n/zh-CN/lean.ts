import { agendaHistoryZh } from './agendaHistory';
import { agendaItemsZh } from './agendaItems';
import { commentsZh } from './comments';
import { meetingsZh } from './meetings';
import { notificationsZh } from './notifications';
import { projectsZh } from './projects';

/**
 * The messages every page loads: the app's frame (navigation, sync status, errors) and everything
 * the meeting agenda page shows. The agenda page loads only these (see LEAN_ROUTES in ../index.ts):
 * it carries the rich-text editor and has a 200 KB budget. A section the agenda page does not need
 * belongs in rest.ts.
 */
export const zhLean = {
	...notificationsZh,
	...projectsZh,
	...meetingsZh,
	...agendaItemsZh,
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
		notSaved: '有改动未能保存到服务器',
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
	logout: {
		pendingConfirm: '本机还有未同步的修改。仍然退出并丢弃这些修改吗？'
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
	errors: {
		title: '出错了',
		notFound: '页面不存在，或你没有权限查看。',
		forbidden: '请求被拒绝。',
		generic: '服务器出了点问题，请稍后再试。',
		backHome: '返回首页'
	}
};
