import type { Session, User } from '../server/storage/types';
import type { Locale } from '$lib/i18n';

declare global {
	namespace App {
		interface Locals {
			user: User | null;
			session: Session | null;
			locale: Locale;
			largeText: boolean;
		}
		interface Error {
			message: string;
		}
	}
}

export {};
