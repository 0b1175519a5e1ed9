import type { MessageProvider } from './MessageProvider';

/**
 * For development and the demo: the message goes to the server log instead of a phone, so
 * whoever runs the server can read a registration code. Never choose it where strangers can
 * register and the log is readable by others.
 */
export class DevMessageProvider implements MessageProvider {
	constructor(private readonly log: (line: string) => void) {}

	async send(phone: string, text: string) {
		this.log(`[sms:dev] to ${phone}: ${text}`);
	}
}
