/** One-time codes sent to a phone (registration), stored only as hashes. */
export interface PhoneCode {
	id: string;
	phone: string;
	purpose: 'register';
	/** Hash of the code; the code itself is never stored. */
	codeHash: string;
	attempts: number;
	createdAt: number;
	expiresAt: number;
	usedAt: number | null;
}

export interface PhoneCodeStore {
	insert(c: PhoneCode): Promise<void>;
	/** The newest unused, unexpired code for the phone and purpose. */
	latest(phone: string, purpose: PhoneCode['purpose'], now: number): Promise<PhoneCode | null>;
	/** Counts a wrong guess; returns the attempts so far. */
	addAttempt(id: string): Promise<number>;
	/** Marks it used: true for the one caller that wins, false if used, expired or unknown. */
	consume(id: string, now: number): Promise<boolean>;
	/** Codes sent to the phone since `since`, to limit how often one can be sent. */
	sentSince(phone: string, since: number): Promise<number>;
}
