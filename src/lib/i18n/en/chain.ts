import type { chainZh } from '../zh-CN/chain';

export const chainEn: typeof chainZh = {
	register: {
		title: 'Resident registration',
		intro: 'Choose your community, grid and building, and register with your mobile number.',
		community: 'Community',
		grid: 'Grid',
		building: 'Building',
		room: 'Room',
		roomHint: 'e.g. Unit 3, 502',
		name: 'Name',
		phone: 'Mobile number',
		password: 'Choose a password (at least 8 characters)',
		code: 'Text message code',
		choose: 'Choose',
		chooseCommunity: 'Choose community',
		sendCode: 'Send code',
		codeSent: 'The code was sent. It is valid for 10 minutes.',
		submit: 'Register',
		noCode: 'No code arriving?',
		pendingExplain:
			'You can also register without a code: your grid leader checks and confirms you, then you can log in.',
		pendingSubmit: 'Submit for the grid leader to confirm',
		pendingDone:
			'Submitted. Once your grid leader confirms you, log in with your mobile number and password.',
		importedHint:
			'Already listed by your community? Register the same way with a code and choose a password; no second account is made.',
		haveAccount: 'Have an account? Log in',
		sms: (code: string) =>
			`[Gongzhi] Your registration code is ${code}, valid for 10 minutes. Do not share it.`,
		errors: {
			badPhone: 'Enter a valid 11-digit mobile number.',
			badName: 'Enter your name (at most 40 characters).',
			badPlace: 'Choose the community, grid and building, and enter the room.',
			tooShort: 'The password needs at least 8 characters.',
			tooLong: 'The password is too long.',
			badCode: 'The code is wrong or no longer valid. Ask for a new one.',
			tooSoon: 'Too soon: try again in a minute.',
			dailyLimit: 'This number has had all its codes for today. Try again tomorrow.',
			addressLimit: 'Too many requests. Try again later.',
			throttled: 'Too many tries. Try again later.',
			exists:
				'This number is already registered: log in (ask your secretary if you forgot the password).'
		}
	},
	chain: {
		title: (community: string) => `${community} · Grids and buildings`,
		link: 'Grids and buildings',
		intro:
			'Community Party organisation → grid branch → building group → Party-member household. Keep grids, buildings and the people in charge here.',
		residents: (n: number) => `${n} residents`,
		pendingCount: (n: number) => `${n} waiting`,
		buildings: 'Buildings',
		noBuildings: 'No buildings yet.',
		noGrids: 'No grids yet.',
		addGrid: 'Add a grid',
		addBuilding: 'Add a building',
		gridName: 'Grid name',
		buildingName: 'Building name',
		nameEn: 'English name (optional)',
		add: 'Add',
		rename: 'Rename',
		save: 'Save',
		assign: 'Assign',
		remove: 'Remove',
		person: 'Person',
		choosePerson: 'Choose a community member',
		personHint: 'Phone number, or type a name to search',
		noMatch: 'No community member found.',
		buildingCount: (n: number) => `${n} buildings`,
		nobody: 'Not set',
		pendingTitle: 'Residents waiting for confirmation',
		pendingNone: 'Nobody is waiting.',
		confirm: 'Confirm',
		confirmed: (name: string) => `${name} confirmed.`,
		reject: 'Turn down',
		rejectReason: 'Reason (optional)',
		rejected: (name: string) => `Registration of ${name} turned down.`,
		backToChain: 'Back to grids and buildings',
		gridResidents: (grid: string) => `${grid} · Residents`,
		errors: {
			badName: 'The name must not be empty (at most 40 characters).',
			notFound: 'No such grid or building.',
			notMember: 'Choose someone who is a member of this community.',
			duplicate: 'A grid or building with that name already exists.',
			notPending: 'This resident is already confirmed, or not in this grid.'
		}
	},
	import: {
		title: 'Import residents from a spreadsheet',
		intro:
			'Upload a CSV or Excel (.xlsx) file with the columns 网格, 楼栋, 房号, 姓名, 手机号 and optionally 身份 (居民/党员/志愿者/网格长/楼栋长/党员中心户). You see a preview first; importing the same file again creates nothing twice.',
		template: 'Download the template (CSV)',
		file: 'Choose a file',
		preview: 'Preview',
		apply: 'Import',
		rows: (n: number) => `${n} rows`,
		willCreate: (grids: number, buildings: number, people: number) =>
			`Creates ${grids} grids, ${buildings} buildings and ${people} residents.`,
		unchanged: (n: number) => `${n} rows already exist and stay as they are.`,
		rowErrors: 'Rows with problems (not imported)',
		line: (n: number) => `Line ${n}`,
		done: (people: number) => `Imported: ${people} new residents.`,
		errors: {
			badFile: 'This file cannot be read. Use CSV or .xlsx.',
			tooLarge: 'The file is too large.',
			busy: 'The server is busy with other spreadsheets. Try again in a minute.',
			missingColumn: (c: string) => `The column “${c}” is missing.`,
			unknownColumn: (c: string) => `Unknown column: ${c}`,
			badPhone: 'Invalid mobile number',
			duplicatePhone: 'Mobile number repeated in the file',
			phoneElsewhere: 'Mobile number belongs to another community or grid',
			missingField: 'Grid, building and name must not be empty',
			badRole: 'Unknown role',
			changed: 'The file changed since the preview. Preview it again.'
		}
	}
};
