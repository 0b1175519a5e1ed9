import type { Messages } from './zh-CN';

export const en: Messages = {
	app: {
		name: 'Gongzhi',
		tagline: 'Joint office for neighbourhood governance'
	}
};
