import { randomInt } from 'node:crypto';
import { LoginThrottle } from '../auth/LoginThrottle';
import { generateToken, hashToken } from '../auth/tokens';
import type { MessageProvider } from '../messages/MessageProvider';
import type { Stores } from '../storage/Stores';

export const CODE_LIFETIME_MS = 10 * 60 * 1000;
export const CODE_MAX_ATTEMPTS = 5;
export const CODE_RESEND_MS = 60 * 1000;
export const CODES_PER_DAY = 10;
const DAY = 24 * 60 * 60 * 1000;
const HOUR = 60 * 60 * 1000;

export type SendResult = 'sent' | 'tooSoon' | 'dailyLimit' | 'addressLimit';

/**
 * Six-digit one-time codes sent by text message to prove a person holds a mobile number. The
 * code is stored only as a hash, lives 10 minutes, works once and burns after five wrong tries.
 * One code per number per minute and ten a day; one address may ask for sixty an hour (texts
 * cost money and annoy the people they are sent to).
 *
 * A code is sent whether or not the number is registered: the answer to "send me a code" must
 * not tell a stranger who lives in the district.
 */
export class PhoneVerification {
	// Reuses the login throttle's per-address counting: every send counts as one "attempt".
	readonly #sends: LoginThrottle;

	constructor(
		private readonly stores: Stores,
		private readonly messages: MessageProvider,
		private readonly now: () => number,
		private readonly text: (code: string) => string
	) {
		this.#sends = new LoginThrottle(
			{ perAccount: CODES_PER_DAY, perAddress: 60, windowMs: HOUR, lockMs: HOUR },
			now
		);
	}

	/**
	 * Counts one request from an address about a number (a code sent, or an account filed for a
	 * grid leader to confirm); false once the address or the number asked too often this hour.
	 */
	admit(address: string, phone: string): boolean {
		if (!this.#sends.check(address, `phone:${phone}`).allowed) return false;
		this.#sends.fail(address, `phone:${phone}`);
		return true;
	}

	async send(phone: string, address: string): Promise<SendResult> {
		const now = this.now();
		if (!this.#sends.check(address, `phone:${phone}`).allowed) return 'addressLimit';
		if ((await this.stores.phoneCodes.sentSince(phone, now - CODE_RESEND_MS)) > 0) return 'tooSoon';
		if ((await this.stores.phoneCodes.sentSince(phone, now - DAY)) >= CODES_PER_DAY)
			return 'dailyLimit';
		const code = String(randomInt(0, 1_000_000)).padStart(6, '0');
		const id = generateToken(10);
		await this.stores.phoneCodes.insert({
			id,
			phone,
			purpose: 'register',
			codeHash: codeHash(id, code),
			attempts: 0,
			createdAt: now,
			expiresAt: now + CODE_LIFETIME_MS,
			usedAt: null
		});
		this.#sends.fail(address, `phone:${phone}`);
		await this.messages.send(phone, this.text(code));
		return 'sent';
	}

	/**
	 * The id of the phone's live code if `code` matches it, else null (the wrong try is counted
	 * and the fifth burns the code). The caller consumes the id in the transaction that uses it,
	 * so a failure there leaves the code usable and a race lets one request through.
	 */
	async check(phone: string, code: string): Promise<string | null> {
		const now = this.now();
		const live = await this.stores.phoneCodes.latest(phone, 'register', now);
		if (!live) return null;
		if (/^\d{6}$/.test(code) && codeHash(live.id, code) === live.codeHash) return live.id;
		const attempts = await this.stores.phoneCodes.addAttempt(live.id);
		if (attempts >= CODE_MAX_ATTEMPTS) await this.stores.phoneCodes.consume(live.id, now);
		return null;
	}

	consume(id: string): Promise<boolean> {
		return this.stores.phoneCodes.consume(id, this.now());
	}
}

// Salted with the code's random id, so equal codes do not share a hash; a six-digit code is
// still guessable offline from a stolen database within its ten minutes, which is why it lives
// so briefly and is bound to one number.
const codeHash = (id: string, code: string) => hashToken(`${id}:${code}`);
