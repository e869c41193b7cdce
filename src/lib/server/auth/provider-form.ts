import { z } from 'zod';
import { lineField, msg, textField, textRule, uuidField } from '../forms';
import { issuerHref } from './providers';

/**
 * The forms of a collaboration's sign-in settings: the allow-lists (tenant ids, e-mail
 * domains) typed one per line, and a provider's issuer, client id and secret.
 */
const TENANT = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const DOMAIN = /^(?=.{1,253}$)(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/;

/** A list typed one per line (or with commas, semicolons, spaces), lower-cased, without repeats. */
function listField(pattern: RegExp, invalid: Parameters<typeof msg>[0]) {
	return textField(z.string().max(5000, msg('form.too_long')), { lines: true })
		.transform((text) => [
			...new Set(
				text
					.toLowerCase()
					.split(/[\s,;]+/)
					.filter(Boolean)
			)
		])
		.pipe(z.array(z.string().regex(pattern, msg(invalid))).max(50, msg('sso_admin.too_many')));
}

export const tenantsField = listField(TENANT, 'sso_admin.tenant_invalid');
export const domainsField = listField(DOMAIN, 'sso_admin.domain_invalid');

/**
 * The issuer as the provider names itself. A pasted discovery address is taken back to
 * its issuer (openid-client would skip the issuer check for one); http:// only where
 * MODEN_OIDC_ALLOW_HTTP allows it.
 */
export function issuerField(allowHttp: boolean) {
	return textField(z.string().min(1, msg('form.required')).max(500, msg('form.too_long')))
		.transform((text) => text.replace(/\/\.well-known\/openid-configuration$/, ''))
		.pipe(
			z
				.url({ protocol: allowHttp ? /^https?$/ : /^https$/, error: 'sso_admin.issuer_invalid' })
				.refine((text) => {
					const url = URL.parse(text);
					return url !== null && !url.username && !url.password && !url.search && !url.hash && !url.pathname.includes('/.well-known/');
				}, msg('sso_admin.issuer_invalid'))
				.transform(issuerHref)
		);
}

const allowLists = {
	displayName: lineField({ min: 1, max: 100 }),
	tenants: tenantsField.default([]),
	domains: domainsField.default([])
};
const someoneAllowed = (v: { tenants: string[]; domains: string[] }) => v.tenants.length > 0 || v.domains.length > 0;
const allowListMessage = { ...msg('sso_admin.allow_list_required'), path: ['domains'] };

export function ownProviderSchema(allowHttp: boolean) {
	return z
		.object({
			...allowLists,
			issuer: issuerField(allowHttp),
			clientId: lineField({ min: 1, max: 300 }),
			clientSecret: textField(z.string().min(1, msg('form.required')).max(2000, msg('form.too_long')))
		})
		.refine(someoneAllowed, allowListMessage);
}

export function installationUseSchema(keys: readonly string[]) {
	return z.object({ ...allowLists, key: z.enum(keys as [string, ...string[]], { error: 'form.invalid' }) }).refine(someoneAllowed, allowListMessage);
}

/** An edit: issuer, client id and secret only for the collaboration's own registration; an empty secret keeps the stored one. */
export function updateSchema(allowHttp: boolean) {
	return z
		.object({
			...allowLists,
			providerId: uuidField,
			issuer: issuerField(allowHttp).optional(),
			clientId: lineField({ min: 1, max: 300 }).optional(),
			clientSecret: textRule(z.string().max(2000, msg('form.too_long'))).optional()
		})
		.refine(someoneAllowed, allowListMessage);
}

export const providerIdSchema = z.object({ providerId: uuidField });

export const requirementSchema = z.object({ required: z.enum(['on']).optional() });
