import type { Sql } from 'postgres';
import { audit } from '../audit';
import { type Locale } from '../../i18n';
import { translate } from '../i18n';
import { mailConfigured, sendMail } from '../mail';
import { issueLink, linkPath } from './links';
import { limits, take, throttleKey, type Verdict } from './throttle';
import { findUserByEmail, normaliseEmail } from './users';

/**
 * A request for a password-reset link. The reply must not tell whether the address has
 * an account, by its words or by its time: before the reply only the throttling runs,
 * the same for every address; looking the account up, issuing the link and mailing it
 * happen after, in `delivery`.
 */
export async function requestPasswordReset(
	sql: Sql,
	input: { email: string; ip: string; origin: string; locale: Locale }
): Promise<Verdict & { delivery?: Promise<void> }> {
	const email = normaliseEmail(input.email);
	for (const [key, budget] of [
		[throttleKey('reset:source', input.ip), limits.resetPerSource],
		[throttleKey('reset:pair', email, input.ip), limits.resetPerPair]
	] as const) {
		const verdict = await take(sql, key, budget);
		if (!verdict.allowed) return verdict;
	}
	const delivery = deliverReset(sql, email, input).catch((e) => console.error(`A password reset for ${email} could not be delivered:`, e));
	return { allowed: true, delivery };
}

/** Issues and mails the link if the account exists, at most a few an hour whoever asks. */
async function deliverReset(sql: Sql, email: string, input: { ip: string; origin: string; locale: Locale }): Promise<void> {
	const user = await findUserByEmail(sql, email);
	if (!user) return;
	if (!(await take(sql, throttleKey('reset:mails', email), limits.resetMailsPerAccount)).allowed) {
		await audit(sql, { action: 'password_reset.withheld', subjectType: 'user', subjectId: user.id, ip: input.ip });
		return;
	}
	const { token } = await issueLink(sql, user.id, 'password_reset', { delivery: mailConfigured() ? 'mail' : 'log', ip: input.ip });
	const link = `${input.origin}${linkPath.password_reset}/${token}`;
	await sendMail({ to: user.email, subject: translate(input.locale, 'mail.reset_subject'), text: translate(input.locale, 'mail.reset_text', { link }) });
}
