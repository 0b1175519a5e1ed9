import type { notificationsZh } from '../zh-CN/notifications';

export const notificationsEn: typeof notificationsZh = {
	notifications: {
		bell: (n: number) => (n > 0 ? `Notifications (${n} unread)` : 'Notifications'),
		title: 'Notifications',
		empty: 'No notifications.',
		markAllRead: 'Mark all as read',
		unread: 'Unread',
		openDemand: 'Open the demand',
		openBoard: 'Open the project',
		openResources: 'Open the resource requests',
		openComments: 'Open the comments',
		kinds: {
			demand_escalated: 'A demand ran out of time and came up to your level',
			demand_dispatched: 'A demand was dispatched to you',
			demand_offered: 'A demand in your grid is waiting to be taken',
			demand_resolved: 'Your demand was resolved: please confirm and rate it',
			demand_reopened: 'A demand was reopened',
			resource_requested: "A project requested one of your unit's resources: please answer",
			resource_request_withdrawn: 'A project withdrew a resource request',
			resource_decided: 'Your resource request has been answered',
			comment_new: "A new comment on a meeting's agenda",
			comment_mention: 'Someone mentioned you in a comment',
			comment_reply: 'Someone replied to your comment'
		}
	}
};
