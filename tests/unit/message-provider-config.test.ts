import { describe, expect, it } from 'vitest';
import { configFromEnv } from '../../server/config';
import { createMessageProvider } from '../../server/messages/createMessageProvider';

describe('the message provider is chosen at startup', () => {
	it('defaults to the development provider, which writes the message to the server log', async () => {
		const lines: string[] = [];
		const config = { ...configFromEnv({}), log: (l: string) => lines.push(l) };
		expect(config.smsProvider).toBe('dev');
		await createMessageProvider(config).send('13800000001', '验证码 123456');
		expect(lines).toEqual(['[sms:dev] to 13800000001: 验证码 123456']);
	});

	it('an unknown provider name stops the server from starting, naming the variable', () => {
		expect(() => configFromEnv({ GONGZHI_SMS_PROVIDER: 'aliyun' })).toThrow(
			/GONGZHI_SMS_PROVIDER=aliyun is not a known message provider/
		);
	});
});
