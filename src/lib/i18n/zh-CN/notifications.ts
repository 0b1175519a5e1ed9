/** In-app notifications (the bell in the header and the /notifications page). */
export const notificationsZh = {
	notifications: {
		bell: (n: number) => (n > 0 ? `通知（${n} 条未读）` : '通知'),
		title: '通知',
		empty: '暂无通知。',
		markAllRead: '全部标为已读',
		unread: '未读',
		openDemand: '查看诉求',
		openBoard: '查看项目',
		openResources: '查看资源申请',
		openComments: '查看评论',
		kinds: {
			demand_escalated: '有诉求超时，已升级到你这一级',
			demand_dispatched: '有诉求派给了你',
			demand_offered: '网格里有诉求等人认领',
			demand_resolved: '你的诉求已办结，请确认评价',
			demand_reopened: '诉求被退回重办',
			resource_requested: '有项目申请了你单位的资源，请答复',
			resource_request_withdrawn: '一项资源申请已被项目撤回',
			resource_decided: '你提交的资源申请已有答复',
			comment_new: '会议议程有新评论',
			comment_mention: '有人在评论中提到了你',
			comment_reply: '有人回复了你的评论'
		}
	}
};
