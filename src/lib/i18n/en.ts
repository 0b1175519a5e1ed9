import { agendaItemsEn } from './en/agendaItems';
import { notificationsEn } from './en/notifications';
import { metricsEn } from './en/metrics';
import { demandsEn } from './en/demands';
import type { Messages } from './zh-CN';
import { chainEn } from './en/chain';
import { evaluationEn } from './en/evaluation';
import { projectsEn } from './en/projects';
import { historyEn } from './en/history';
import { resourcesEn } from './en/resources';
import { overviewEn } from './en/overview';
import { boardEditEn } from './en/boardEdit';
import { meetingsEn } from './en/meetings';
import { publicPledgeEn } from './en/publicPledge';
import { agendaHistoryEn } from './en/agendaHistory';
import { commentsEn } from './en/comments';

export const en: Messages = {
	...chainEn,
	...notificationsEn,
	...evaluationEn,
	...projectsEn,
	...historyEn,
	...resourcesEn,
	...overviewEn,
	...boardEditEn,
	...meetingsEn,
	...agendaItemsEn,
	...publicPledgeEn,
	...agendaHistoryEn,
	...commentsEn,
	app: {
		name: 'Gongzhi',
		tagline: 'Joint office for neighbourhood governance'
	},
	sync: {
		online: 'Online',
		offline: 'Offline',
		connecting: 'Connecting…',
		pending: 'Changes waiting to sync',
		synced: 'All changes synced',
		readOnly: 'Read only',
		closedProject: 'The project is closed: its board is locked, read only.',
		closedProjectManager:
			'The project is closed: its board is locked, read only. To change it, move the project back a stage (with a reason).',
		changesRefused:
			'Your changes to this board were not saved: you can only view it now (the project may be closed, or your access changed). They stay on this device only. Reload to see the latest.',
		newerSchema:
			'This document was made by a newer version. Update the app to edit it; it is open read-only.',
		contentError:
			'This document holds content this version cannot show. It is read-only so nothing is lost. Please update the app.',
		logoutDiscard: 'Some changes have not reached the server. Logging out discards them. Log out?',
		notAvailable: 'This document is not on this device and the server cannot be reached.',
		sessionExpired:
			'Your login has expired. Your changes are kept on this device and sync after you log in again. Log in'
	},
	agenda: {
		title: 'Meeting agenda',
		present: 'Present',
		viewers: (n: number) => `${n} following`,
		nobody: 'Nobody else yet',
		editorLabel: 'Agenda text',
		loading: 'Opening the agenda…',
		fetching: 'This agenda is not on this device yet; loading it from the server…',
		roles: {
			secretary: 'Secretary',
			residents_committee: 'Residents’ committee',
			owners_committee: 'Owners’ committee',
			property_company: 'Property company',
			party_member: 'Party member',
			volunteer: 'Volunteer',
			resident: 'Resident',
			grid_leader: 'Grid leader',
			building_leader: 'Building leader',
			household_contact: 'Household contact',
			officer: 'Officer',
			deputy: 'Deputy',
			department_rep: 'Dept. rep',
			district_admin: 'Admin'
		}
	},
	board: {
		title: 'Secretary project board',
		pledge: 'Pledge',
		goal: 'Goal',
		measures: 'Measures',
		owner: 'Responsible',
		deadline: 'Deadline',
		tasks: 'Tasks',
		columns: { todo: 'To do', doing: 'Doing', done: 'Done', waived: 'Waived' },
		addTask: 'Add a task',
		newTaskTitle: 'Task name',
		add: 'Add',
		moveTo: 'Move to',
		markDone: 'Done',
		notes: 'Notes',
		due: 'Due',
		empty: 'No tasks',
		loading: 'Opening the board…'
	},
	nav: {
		home: 'Home',
		account: 'Account',
		settings: 'Settings',
		logout: 'Log out',
		login: 'Log in',
		signedInAs: (name) => `Signed in as ${name}`,
		skipToContent: 'Skip to content'
	},
	settings: {
		title: 'Display settings',
		language: 'Language',
		switchLanguage: '中文',
		switchLanguageLabel: 'Switch to Chinese',
		largeText: 'Large text',
		largeTextOn: 'Large text: on',
		largeTextOff: 'Large text: off',
		largeTextLabel: 'Toggle large text'
	},
	login: {
		title: 'Log in',
		username: 'Username',
		password: 'Password',
		submit: 'Log in',
		failed: 'Wrong username or password.',
		throttled: (seconds) => `Too many attempts. Try again in ${Math.ceil(seconds / 60)} minute(s).`,
		forgot: 'Forgot your password? Ask your community secretary for a reset code.',
		haveCode: 'I have a reset code',
		demoTitle: 'Demo accounts',
		demoHint: (password) => `All of these accounts use the password ${password}`
	},
	logout: {
		pendingConfirm: 'This device has changes that are not synced yet. Log out and discard them?'
	},
	home: {
		title: 'My communities',
		noCommunities: 'You have not joined a community yet.',
		documents: 'Documents',
		noDocuments: 'This community has no documents yet.',
		agenda: 'Meeting agenda',
		board: 'Secretary project',
		members: 'Members and invitations',
		audit: 'Audit log',
		admin: (district: string) => `${district} · Accounts`
	},
	access: {
		write: 'Can edit',
		comment: 'Can comment',
		read: 'Read only'
	},
	roles: {
		secretary: 'Party secretary',
		residents_committee: "Residents' committee",
		owners_committee: "Owners' committee",
		property_company: 'Property company',
		party_member: 'Party member',
		volunteer: 'Volunteer',
		resident: 'Resident',
		grid_leader: 'Grid leader',
		building_leader: 'Building group leader',
		household_contact: 'Party-member household contact',
		officer: 'Street / district officer',
		deputy: 'Deputy',
		department_rep: 'Department representative',
		district_admin: 'District account administrator'
	},
	account: {
		title: 'My account',
		changePassword: 'Change password',
		currentPassword: 'Current password',
		newPassword: 'New password',
		newPasswordHint: (min) => `At least ${min} characters`,
		submit: 'Save new password',
		wrongPassword: 'The current password is wrong.',
		tooShort: (min) => `The new password needs at least ${min} characters.`,
		tooLong: 'The new password is too long.',
		changed: 'Password changed. Sessions on other devices have been ended.'
	},
	members: {
		title: (community) => `${community} · Members`,
		list: 'Members',
		name: 'Name',
		username: 'Username',
		role: 'Role',
		none: 'No members yet.',
		invite: 'Invite a new member',
		inviteRole: 'Role',
		inviteDays: 'Valid for (days)',
		createInvite: 'Create invitation link',
		inviteCreated: 'Invitation link (shown only once: copy it and send it now):',
		invites: 'Invitations',
		noInvites: 'No invitations yet.',
		expires: 'Expires',
		status: 'Status',
		statusActive: 'Active',
		statusUsed: 'Used',
		statusRevoked: 'Revoked',
		statusExpired: 'Expired',
		revoke: 'Revoke',
		resetCode: 'Issue reset code',
		resetCodeFor: 'Issue a password reset code for this member',
		resetCodeCreated: (name) =>
			`Reset code for ${name} (shown only once, valid for 24 hours, works once):`,
		badRole: 'You cannot grant this role.',
		badDays: 'Validity must be between 1 and 14 days.',
		notMember: 'This person is not a member of this community.',
		removeRole: 'Remove role',
		removeRoleFor: (name: string, role: string) => `Remove the role “${role}” from ${name}`,
		roleRemoved: (name: string, role: string) =>
			`Removed the role “${role}” from ${name}. Their open documents lose that access at once.`,
		cannotRemove: 'You cannot remove this role (nor any role of your own).',
		auditLink: "See this community's audit log"
	},
	invite: {
		title: 'Join a community',
		intro: (community, role) => `You are invited to join ${community} as “${role}”.`,
		invalid: 'This invitation link is invalid, used, revoked or expired.',
		register: 'New here? Register',
		username: 'Username',
		usernameHint: '3–32 letters, digits, - or _',
		displayName: 'Name',
		password: 'Password',
		submitRegister: 'Register and join',
		accept: (name) => `Accept the invitation as ${name}`,
		submitAccept: 'Accept invitation',
		usernameTaken: 'This username is taken.',
		badUsername: 'A username has 3–32 letters, digits, - or _.',
		badDisplayName: 'Please enter a name (at most 40 characters).',
		tooShort: (min) => `The password needs at least ${min} characters.`,
		tooLong: 'The password is too long.'
	},
	reset: {
		title: 'Set a new password with a reset code',
		intro:
			'Ask your community secretary for a reset code. It is valid for 24 hours and works once.',
		username: 'Username',
		code: 'Reset code',
		newPassword: 'New password',
		submit: 'Set new password',
		failed: 'Wrong username or reset code, or the code is no longer valid.',
		tooShort: (min) => `The new password needs at least ${min} characters.`,
		tooLong: 'The new password is too long.',
		done: 'Your password is set. Log in with the new password.'
	},
	admin: {
		title: (district: string) => `${district} · Accounts`,
		intro:
			'Disabling an account ends its sessions on every device and closes its open sync connections at once.',
		users: 'Accounts',
		none: 'No accounts.',
		statusActive: 'Active',
		statusDisabled: 'Disabled',
		disable: 'Disable',
		enable: 'Re-enable',
		disabledDone: (name: string) =>
			`Disabled the account of ${name}; all their sessions have ended.`,
		enabledDone: (name: string) => `Re-enabled the account of ${name}.`,
		notSelf: 'You cannot disable your own account.',
		notFound: 'No such account.',
		auditLink: "See the district's audit log"
	},
	audit: {
		title: (scope: string) => `${scope} · Audit log`,
		intro:
			'This log is append-only: nobody, administrators included, can change or delete its entries through the application.',
		when: 'When',
		who: 'By',
		action: 'Action',
		target: 'Subject',
		detail: 'Details',
		none: 'No entries.',
		older: 'Older entries',
		anonymous: '(not logged in)',
		yes: 'yes',
		no: 'no',
		fields: {
			role: 'role',
			days: 'valid for (days)',
			address: 'from address',
			throttled: 'throttled',
			invite: 'invitation',
			invitedBy: 'invited by',
			format: 'format',
			from: 'from',
			to: 'to',
			demands: 'demands',
			sheet: 'table'
		},
		actions: {
			login: 'Logged in',
			login_failed: 'Failed login',
			logout: 'Logged out',
			password_changed: 'Changed password',
			password_reset: 'Reset password with a code',
			reset_failed: 'Failed reset code',
			reset_code_issued: 'Issued a reset code',
			invite_created: 'Created an invitation',
			invite_revoked: 'Revoked an invitation',
			invite_accepted: 'Accepted an invitation',
			user_registered: 'Registered an account',
			role_removed: 'Removed a role',
			account_disabled: 'Disabled an account',
			account_enabled: 'Re-enabled an account',
			export: 'Exported figures',
			problem_marked: 'Added to the problem list',
			resident_confirmed: 'Confirmed a resident',
			resident_rejected: 'Turned down a registration',
			chain_changed: 'Changed grids and buildings',
			residents_imported: 'Imported residents',
			completion_reported: 'Published a completion report',
			evaluator_invited: 'Invited an evaluator',
			acceptance_signed: 'Signed an acceptance record',
			survey_opened: 'Opened a satisfaction survey',
			survey_closed: 'Closed a satisfaction survey',
			rectification_added: 'Entered a rectification item',
			rectification_done: 'Rectification item done',
			project_created: 'Started a secretary project',
			pledge_published: 'Published a pledge',
			pledge_revised: 'Published a pledge revision',
			stage_moved: 'Moved a project stage',
			resource_published: 'Published a resource',
			resource_edited: 'Edited a resource',
			resource_withdrawn: 'Withdrew a resource',
			resource_restored: 'Restored a resource',
			resource_requested: 'Requested a resource',
			resource_request_withdrawn: 'Withdrew a resource request',
			resource_decided: 'Answered a resource request',
			meeting_created: 'Created a joint meeting',
			meeting_edited: 'Changed a meeting’s details',
			meeting_moved: 'Moved a meeting’s state',
			meeting_corrected: 'Opened a correction of the minutes',
			meeting_signed: 'Signed for a committee',
			meeting_signature_withdrawn: 'Withdrew a committee signature',
			agenda_version_saved: 'Saved a named agenda version',
			agenda_version_restored: 'Restored a named agenda version',
			comment_hidden: 'Hid a comment'
		}
	},
	metrics: metricsEn,
	demands: demandsEn,
	errors: {
		title: 'Something went wrong',
		notFound: 'This page does not exist, or you may not see it.',
		forbidden: 'The request was refused.',
		generic: 'The server had a problem. Please try again later.',
		backHome: 'Back to home'
	}
};
