import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { admissionRefusal, admits, trustRefusal, verifiedEmail, type Admission, type Identity } from './sso-policy';

const hamarTenant = '11111111-1111-4111-8111-111111111111';
const otherTenant = '22222222-2222-4222-8222-222222222222';
const identity = (over: Partial<Identity> = {}): Identity => ({
	issuer: `https://login.microsoftonline.com/${hamarTenant}/v2.0`,
	subject: 'abc',
	email: 'kari@hamar.kommune.no',
	emailVerified: null,
	tenantId: hamarTenant,
	...over
});
const tenantRow = (collaborationId: string, domains: string[] = []): Admission => ({ collaborationId, tenants: [hamarTenant], domains });
const domainRow = (collaborationId: string, domains = ['hamar.kommune.no']): Admission => ({ collaborationId, tenants: [], domains });

describe('who a provider row lets through', () => {
	it('takes tenant rows by tid and the others by the e-mail domain, in any case of letters', () => {
		expect(admits(tenantRow('c'), identity())).toBe(true);
		expect(admits(tenantRow('c'), identity({ tenantId: hamarTenant.toUpperCase() }))).toBe(true);
		expect(admits(tenantRow('c'), identity({ tenantId: otherTenant }))).toBe(false);
		expect(admits(tenantRow('c'), identity({ tenantId: null }))).toBe(false);
		expect(admits(domainRow('c'), identity({ tenantId: null, email: 'Kari@HAMAR.kommune.no' }))).toBe(true);
		expect(admits(domainRow('c'), identity({ email: 'kari@evil.example' }))).toBe(false);
		expect(admits(domainRow('c'), identity({ email: 'kari@sub.hamar.kommune.no' }))).toBe(false);
		expect(admits(domainRow('c'), identity({ email: null }))).toBe(false);
	});

	it('names the tenant or the domain it refused', () => {
		expect(admissionRefusal([tenantRow('c')], identity({ tenantId: otherTenant }))).toEqual({ reason: 'tenant_not_allowed', tenantId: otherTenant });
		expect(admissionRefusal([domainRow('c')], identity({ email: 'ola@loten.kommune.no' }))).toEqual({
			reason: 'domain_not_allowed',
			domain: 'loten.kommune.no'
		});
		expect(admissionRefusal([domainRow('c'), tenantRow('d')], identity())).toBeNull();
	});
});

describe('the e-mail an account may be found by', () => {
	it('is one the provider verified', () => {
		expect(verifiedEmail([domainRow('c')], identity({ emailVerified: true, email: 'Kari@Hamar.kommune.no' }))).toBe('kari@hamar.kommune.no');
		expect(verifiedEmail([domainRow('c')], identity({ emailVerified: false }))).toBeNull();
		expect(verifiedEmail([domainRow('c')], identity({ emailVerified: null }))).toBeNull();
	});

	it('or, without email_verified (Entra ID), one whose domain the tenant row lists as the tenant’s', () => {
		expect(verifiedEmail([tenantRow('c', ['hamar.kommune.no'])], identity())).toBe('kari@hamar.kommune.no');
		expect(verifiedEmail([tenantRow('c')], identity())).toBeNull();
		expect(verifiedEmail([tenantRow('c', ['hamar.kommune.no'])], identity({ email: 'kari@gmail.com' }))).toBeNull();
		// a row of another tenant vouches for nothing
		expect(verifiedEmail([tenantRow('c', ['hamar.kommune.no'])], identity({ tenantId: otherTenant }))).toBeNull();
	});

	it('never comes from a domain row alone: there every admitted address is in the list', () => {
		expect(verifiedEmail([domainRow('c')], identity({ tenantId: null }))).toBeNull();
	});
});

describe('whose roles a provider may sign in', () => {
	it('needs every collaboration of the person to trust the provider for this identity', () => {
		expect(trustRefusal(['c'], [tenantRow('c')], identity())).toBeNull();
		expect(trustRefusal(['c', 'd'], [tenantRow('c'), tenantRow('d')], identity())).toBeNull();
		expect(trustRefusal(['c', 'd'], [tenantRow('c')], identity())).toEqual({ reason: 'other_collaborations' });
		expect(trustRefusal(['c', 'd'], [tenantRow('c'), { collaborationId: 'd', tenants: [otherTenant], domains: [] }], identity())).toEqual({
			reason: 'other_collaborations'
		});
	});

	it('refuses a person without a collaboration role (the operator among them)', () => {
		expect(trustRefusal([], [tenantRow('c')], identity())).toEqual({ reason: 'no_role' });
	});

	it('never lets a provider speak for a collaboration that has no row admitting the identity (property)', () => {
		const row = fc.record({
			collaborationId: fc.constantFrom('a', 'b', 'c', 'd'),
			tenants: fc.subarray([hamarTenant, otherTenant]),
			domains: fc.subarray(['hamar.kommune.no', 'loten.kommune.no'])
		});
		const someone = fc.record({
			issuer: fc.constant('https://idp.example'),
			subject: fc.constant('s'),
			email: fc.option(fc.constantFrom('kari@hamar.kommune.no', 'ola@loten.kommune.no', 'eve@evil.example')),
			emailVerified: fc.option(fc.boolean()),
			tenantId: fc.option(fc.constantFrom(hamarTenant, otherTenant))
		});
		fc.assert(
			fc.property(fc.array(row, { maxLength: 6 }), fc.subarray(['a', 'b', 'c', 'd']), someone, (rows, collaborations, who) => {
				if (trustRefusal(collaborations, rows, who) !== null) return;
				for (const c of collaborations) expect(rows.some((r) => r.collaborationId === c && admits(r, who))).toBe(true);
				expect(collaborations.length).toBeGreaterThan(0);
			})
		);
	});
});
