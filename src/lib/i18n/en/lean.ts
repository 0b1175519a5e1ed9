import { agendaHistoryEn } from './agendaHistory';
import { agendaItemsEn } from './agendaItems';
import { commentsEn } from './comments';
import { meetingsEn } from './meetings';
import { notificationsEn } from './notifications';
import { projectsEn } from './projects';
import type { zhLean } from '../zh-CN/lean';

/** English for ../zh-CN/lean.ts: the same keys, which the compiler checks. */
export const enLean: typeof zhLean = {
	...notificationsEn,
	...projectsEn,
	...meetingsEn,
	...agendaItemsEn,
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
		notSaved: 'Changes not saved to the server',
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
	logout: {
		pendingConfirm: 'This device has changes that are not synced yet. Log out and discard them?'
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
	errors: {
		title: 'Something went wrong',
		notFound: 'This page does not exist, or you may not see it.',
		forbidden: 'The request was refused.',
		generic: 'The server had a problem. Please try again later.',
		backHome: 'Back to home'
	}
};
