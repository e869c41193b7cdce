/**
 * Who a provider's answer may sign in, decided over plain data (the protocol itself,
 * signature, issuer, audience, expiry, nonce and state, is openid-client's, in oidc.ts).
 *
 * A collaboration trusts a provider through its rows in identity_provider: with tenant
 * ids (Entra ID multi-tenant), a token whose `tid` is listed; else a token whose e-mail
 * domain is listed. A provider signs a person in only if every collaboration the person
 * holds a role in trusts it for this identity: a collaboration's own provider speaks for
 * that collaboration's people and cannot become a way into another collaboration's data
 * (or into the operator's account) by asserting someone's address.
 */
export interface Identity {
	/** the ID token's `iss` and `sub`: what a link is recorded under */
	issuer: string;
	subject: string;
	email: string | null;
	emailVerified: boolean | null;
	/** Entra ID's tenant (`tid`) */
	tenantId: string | null;
}

/** One row's allow-lists, and the collaboration it belongs to. */
export interface Admission {
	collaborationId: string;
	tenants: readonly string[];
	domains: readonly string[];
}

export type Refusal =
	| { reason: 'tenant_not_allowed'; tenantId: string | null }
	| { reason: 'domain_not_allowed'; domain: string | null }
	| { reason: 'email_unverified'; email: string | null }
	| { reason: 'no_account'; email: string }
	| { reason: 'no_role' }
	| { reason: 'other_collaborations' };

export function emailDomain(email: string | null): string | null {
	const at = email?.lastIndexOf('@') ?? -1;
	return email && at > 0
		? email
				.slice(at + 1)
				.trim()
				.toLowerCase()
		: null;
}

/** Whether the row lets this identity through: tenant rows by `tid`, the others by the e-mail's domain. */
export function admits(row: Admission, identity: Identity): boolean {
	if (row.tenants.length > 0) return identity.tenantId !== null && row.tenants.includes(identity.tenantId.toLowerCase());
	const domain = emailDomain(identity.email);
	return domain !== null && row.domains.includes(domain);
}

/**
 * Why none of the rows (the one chosen on the sign-in page, or every collaboration's use
 * of an installation-wide provider) lets the identity through, or null if one does.
 */
export function admissionRefusal(rows: readonly Admission[], identity: Identity): Refusal | null {
	if (rows.some((row) => admits(row, identity))) return null;
	return rows.some((row) => row.tenants.length > 0)
		? { reason: 'tenant_not_allowed', tenantId: identity.tenantId }
		: { reason: 'domain_not_allowed', domain: emailDomain(identity.email) };
}

/**
 * The e-mail address an account may be found by: the provider says it verified it, or
 * (Entra ID sends no `email_verified`) a tenant row lists its domain as the tenant's own.
 */
export function verifiedEmail(rows: readonly Admission[], identity: Identity): string | null {
	if (!identity.email) return null;
	const email = identity.email.trim().toLowerCase();
	if (identity.emailVerified === true) return email;
	const domain = emailDomain(email);
	const vouched = rows.some((row) => row.tenants.length > 0 && admits(row, identity) && domain !== null && row.domains.includes(domain));
	return vouched ? email : null;
}

/**
 * Refused unless the person holds a role in at least one collaboration and every one of
 * those collaborations has a row of this provider that lets the identity through. A
 * platform administrator holds no collaboration role, so is never signed in this way.
 */
export function trustRefusal(collaborationIds: readonly string[], rows: readonly Admission[], identity: Identity): Refusal | null {
	if (collaborationIds.length === 0) return { reason: 'no_role' };
	const trusting = new Set(rows.filter((row) => admits(row, identity)).map((row) => row.collaborationId));
	return collaborationIds.every((id) => trusting.has(id)) ? null : { reason: 'other_collaborations' };
}
