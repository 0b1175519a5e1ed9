import type { GongzhiConfig } from '../config';
import { DevMessageProvider } from './DevMessageProvider';
import type { MessageProvider } from './MessageProvider';

/** The provider the configuration names (checked when the configuration was read). */
export function createMessageProvider(config: GongzhiConfig): MessageProvider {
	switch (config.smsProvider) {
		case 'dev':
			return new DevMessageProvider(config.log);
	}
}
