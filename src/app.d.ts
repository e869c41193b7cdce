import type { Locale } from '$lib/i18n';
import type { Session, SessionUser } from '$lib/server/auth/session';

declare global {
	namespace App {
		interface Locals {
			locale: Locale;
			user: SessionUser | null;
			session: Session | null;
			/** set when a request failed because the database could not be reached (answered 503) */
			databaseUnavailable?: boolean;
		}
		interface Error {
			message: string;
		}
	}
}

export {};
