import { describe, expect, it } from 'vitest';
import { domainsField, issuerField, ownProviderSchema, tenantsField } from './provider-form';

describe('the sign-in settings’ fields', () => {
	it('reads allow-lists one per line (or with commas), lower-cased and without repeats', () => {
		expect(domainsField.parse(' Hamar.Kommune.no\r\nstange.kommune.no, hamar.kommune.no\n\n')).toEqual(['hamar.kommune.no', 'stange.kommune.no']);
		expect(tenantsField.parse('72F988BF-86F1-41AF-91AB-2D7CD011DB47')).toEqual(['72f988bf-86f1-41af-91ab-2d7cd011db47']);
		expect(domainsField.safeParse('kari@hamar.kommune.no').error?.issues[0]?.message).toBe('sso_admin.domain_invalid');
		expect(domainsField.safeParse('localhost').success).toBe(false);
		expect(tenantsField.safeParse('hamar').error?.issues[0]?.message).toBe('sso_admin.tenant_invalid');
		expect(domainsField.safeParse(Array.from({ length: 51 }, (_, i) => `d${i}.no`).join('\n')).error?.issues[0]?.message).toBe('sso_admin.too_many');
		expect(domainsField.safeParse('hamar.kommune.no\u0000').error?.issues[0]?.message).toBe('form.control_characters');
	});

	it('takes the issuer as the provider names it: a pasted discovery address goes back to its issuer; https only unless allowed', () => {
		const https = issuerField(false);
		expect(https.parse('https://login.microsoftonline.com/organizations/v2.0/.well-known/openid-configuration')).toBe(
			'https://login.microsoftonline.com/organizations/v2.0'
		);
		expect(https.parse('https://accounts.example.no')).toBe('https://accounts.example.no/');
		for (const bad of [
			'http://idp.example.no',
			'https://idp.example.no/?x=1',
			'https://user:pw@idp.example.no',
			'https://idp.example.no/.well-known/jwks.json',
			'javascript:alert(1)',
			'idp.example.no'
		]) {
			expect(https.safeParse(bad).success, bad).toBe(false);
		}
		expect(issuerField(true).parse('http://localhost:8080/realms/test')).toBe('http://localhost:8080/realms/test');
	});

	it('needs someone to be allowed: at least one tenant or domain', () => {
		const provider = { displayName: 'Hamar kommune', issuer: 'https://idp.example.no', clientId: 'moden', clientSecret: 's' };
		expect(ownProviderSchema(false).safeParse(provider).error?.issues[0]).toMatchObject({ message: 'sso_admin.allow_list_required', path: ['domains'] });
		expect(ownProviderSchema(false).parse({ ...provider, domains: 'hamar.kommune.no' })).toMatchObject({ tenants: [], domains: ['hamar.kommune.no'] });
	});
});
