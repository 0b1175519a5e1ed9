/**
 * Sends a short text message to a mobile number (registration codes). One seam for the outside
 * concern: a development provider writes to the server log; real SMS gateways plug in here.
 * `send` resolves once the provider accepted the message and rejects if it refused it.
 */
export interface MessageProvider {
	send(phone: string, text: string): Promise<void>;
}

export const MESSAGE_PROVIDERS = ['dev'] as const;
export type MessageProviderName = (typeof MESSAGE_PROVIDERS)[number];

export function isMessageProviderName(value: unknown): value is MessageProviderName {
	return typeof value === 'string' && (MESSAGE_PROVIDERS as readonly string[]).includes(value);
}
