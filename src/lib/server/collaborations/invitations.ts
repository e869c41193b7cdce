import type { Sql } from 'postgres';
import { audit } from '../audit';
import { issueLink, linkPath } from '../auth/links';
import { ensureUser, normaliseEmail } from '../auth/users';
import type { Db } from '../db/index';
import { type Locale } from '../../i18n';
import { translate } from '../i18n';
import { mailConfigured, sendMail } from '../mail';
import { addGrant, type GrantInput } from './people';

/**
 * Inviting someone into a collaboration: a grant, and a link to set a password only for
 * an account this invitation creates. Accounts are platform-wide, so an address that
 * already has one (set up or not, here or elsewhere) just gets the grant: an invitation
 * never lets whoever invites act as the person invited.
 *
 * The link is bound to the grant (revoking it withdraws the link) and goes to the
 * address by mail. Without SMTP it is shown to the inviter instead, which is allowed
 * only for an account this collaboration created itself and no one else has given a
 * role; such a link stops working once someone does (links.ts). The collaboration that
 * created a pending account may invite it again for a fresh link while that holds.
 */
export interface InvitationReply {
	email: string;
	/** the link, where it may be shown to the inviter (no SMTP, an account of this collaboration's own) */
	link: string | null;
	/** whether mail can be sent: the reply says the same for every address either way */
	mailed: boolean;
}

export interface Delivery {
	origin: string;
	/** the inviter's language, for the mail */
	locale: Locale;
	collaboration: string;
}

interface Invited {
	/** as typed (normalised), for the reply */
	email: string;
	/** as the account has it, for the mail */
	to: string;
	token: string | null;
}

/**
 * Gives the grant and issues a link where one is due, inside the caller's transaction
 * (creating a collaboration invites its first admin in the same one).
 */
export async function grantWithInvitation(
	tx: Db,
	collaborationId: string,
	input: { email: string; name: string } & GrantInput,
	actor: { id: string | null; ip?: string | null }
): Promise<Invited> {
	const user = await ensureUser(tx, input.email, input.name, collaborationId);
	const grant = await addGrant(tx, collaborationId, user.id, input, actor.id);
	const [account] = await tx<{ email: string; own: boolean }[]>`
		select u.email, u.password_hash is null and u.invited_by_collaboration = ${collaborationId}
			and not exists (select 1 from role_grant g where g.user_id = u.id and g.collaboration_id is distinct from ${collaborationId}) as own
		from app_user u where u.id = ${user.id}`;
	const link = account!.own
		? await issueLink(tx, user.id, 'invitation', {
				delivery: mailConfigured() ? 'mail' : 'shown',
				createdBy: actor.id,
				collaborationId,
				grantId: grant.id,
				ip: actor.ip
			})
		: null;
	// The trail says what was given, not whether the account was new: the same for every address.
	await audit(tx, {
		action: 'invitation.sent',
		actorId: actor.id,
		collaborationId,
		subjectType: 'user',
		subjectId: user.id,
		detail: { role: input.role, grantId: grant.id },
		ip: actor.ip
	});
	return { email: normaliseEmail(input.email), to: account!.email, token: link?.token ?? null };
}

/** Invites in a transaction of its own, then delivers. */
export async function invite(
	sql: Sql,
	collaborationId: string,
	input: { email: string; name: string } & GrantInput,
	actor: { id: string | null; ip?: string | null },
	delivery: Delivery
): Promise<InvitationReply> {
	const invited = await sql.begin((tx) => grantWithInvitation(tx, collaborationId, input, actor));
	return deliverInvitation(invited, delivery);
}

/**
 * Mails the link to the address, or, without SMTP, hands it to the inviter. The mail is
 * sent after the reply, so a reply takes as long whether or not a link was due.
 */
export function deliverInvitation(invited: Invited, delivery: Delivery): InvitationReply {
	const mailed = mailConfigured();
	if (!invited.token) return { email: invited.email, link: null, mailed };
	const link = `${delivery.origin}${linkPath.invitation}/${invited.token}`;
	if (!mailed) return { email: invited.email, link, mailed };
	sendMail({
		to: invited.to,
		subject: translate(delivery.locale, 'mail.invitation_subject'),
		text: translate(delivery.locale, 'mail.invitation_text', { link, collaboration: delivery.collaboration })
	}).catch((e) => console.error(`The invitation to ${invited.to} could not be mailed:`, e));
	return { email: invited.email, link: null, mailed };
}
