import * as devalue from 'devalue';
import { expect, request as playwrightRequest, test, type APIRequestContext } from '@playwright/test';
import type { Role } from '../../src/lib/server/auth/access';
import { createPerson, database, signInRequest, tenants } from './fixture';

/**
 * Every text field of every form gets a NUL, lone surrogates and line breaks. A NUL (and
 * any other control character) is refused with the field's own error, line breaks too
 * where the field holds one line; text that may have several lines keeps them. Nothing
 * answers 5xx. Writes go to the fuzz collaboration, which no other test reads.
 *
 * A lone surrogate cannot travel in a form: UTF-8 has no encoding for it, so what the
 * server reads is U+FFFD (the test sends the bytes a careless client would, and checks
 * that nothing fails).
 */
interface TextField {
	name: string;
	/** the field holds several lines (a textarea) */
	lines?: boolean;
	/** the field's own format (a number, a date, an e-mail) may refuse the value first */
	formatted?: boolean;
}
interface Form {
	who: Exclude<Role, 'platform_admin'> | 'platform_admin' | 'anonymous' | 'textfields';
	path: string;
	fields: Record<string, string>;
	text: TextField[];
	/** the key of a field's error in the result's errors (default: its name) */
	errorKey?: (field: string) => string;
}

/** The answering form reports a problem per item: `comment:<key>` → `<key>`. */
const byItem = (field: string) => field.slice(field.indexOf(':') + 1);

const evil = {
	nul: 'x\u0000y',
	surrogate: 'x\ud800y\udfffz',
	lineBreak: 'first line\r\nsecond line'
};

function forms(): Form[] {
	const { fuzz } = tenants();
	const c = `/collaborations/${fuzz.collaborationId}`;
	const item = 'culture.openness-to-change';
	const naItem = 'leadership.time-for-forums';
	const anyId = '6d1e0c1e-0000-4000-8000-00000000abcd';
	return [
		{
			who: 'anonymous',
			path: '/sign-in',
			fields: { email: 'nobody@example.test', password: 'not the password' },
			text: [{ name: 'email', formatted: true }, { name: 'password' }]
		},
		{ who: 'anonymous', path: '/reset-password', fields: { email: 'nobody@example.test' }, text: [{ name: 'email', formatted: true }] },
		{ who: 'anonymous', path: '/sign-in/sso', fields: { email: 'someone@textfields.test' }, text: [{ name: 'email', formatted: true }] },
		{
			who: 'anonymous',
			path: '/invitation/not-a-real-token',
			fields: { name: 'Ny', password: 'a long enough password', repeat: 'a long enough password' },
			text: [{ name: 'name' }, { name: 'password' }, { name: 'repeat' }]
		},
		{
			who: 'anonymous',
			path: '/reset-password/not-a-real-token',
			fields: { password: 'a long enough password', repeat: 'a long enough password' },
			text: [{ name: 'password' }, { name: 'repeat' }]
		},
		{ who: 'textfields', path: '/account?/profile', fields: { name: 'Tekstfelt', locale: '' }, text: [{ name: 'name' }] },
		{
			who: 'textfields',
			path: '/account?/password',
			fields: { current: 'wrong current password', next: 'a long enough password', repeat: 'a long enough password' },
			text: [{ name: 'current' }, { name: 'next' }, { name: 'repeat' }]
		},
		{ who: 'textfields', path: '/account?/deleteAccount', fields: { confirm: 'not my address' }, text: [{ name: 'confirm' }] },
		{
			who: 'platform_admin',
			path: '/collaborations?/create',
			fields: { name: 'Tekstfelt-samarbeidet', legalForm: 'iks', country: 'NO', adminEmail: 'first@textfields.test' },
			text: [{ name: 'name' }, { name: 'adminEmail', formatted: true }]
		},
		{ who: 'collaboration_admin', path: `${c}?/settings`, fields: { name: fuzz.name, legalForm: 'iks', country: 'NO' }, text: [{ name: 'name' }] },
		{
			who: 'collaboration_admin',
			path: `${c}/identity-providers?/add`,
			fields: {
				displayName: 'Tekstfelt kommune',
				issuer: 'https://idp.textfields.test',
				clientId: 'moden',
				clientSecret: 'a secret',
				tenants: '',
				domains: 'textfields.test'
			},
			text: [
				{ name: 'displayName' },
				{ name: 'issuer', formatted: true },
				{ name: 'clientId' },
				{ name: 'clientSecret' },
				{ name: 'tenants', formatted: true },
				{ name: 'domains', formatted: true }
			]
		},
		{
			who: 'collaboration_admin',
			path: `${c}/identity-providers?/use`,
			fields: { key: 'entra', displayName: 'Entra', tenants: '', domains: 'textfields.test' },
			text: [{ name: 'displayName' }, { name: 'tenants', formatted: true }, { name: 'domains', formatted: true }]
		},
		{
			who: 'collaboration_admin',
			path: `${c}/identity-providers?/update`,
			fields: {
				providerId: anyId,
				displayName: 'Tekstfelt kommune',
				issuer: 'https://idp.textfields.test',
				clientId: 'moden',
				clientSecret: '',
				domains: 'textfields.test'
			},
			text: [{ name: 'displayName' }, { name: 'issuer', formatted: true }, { name: 'clientId' }, { name: 'clientSecret' }, { name: 'domains', formatted: true }]
		},
		{
			who: 'collaboration_admin',
			path: `${c}/people?/invite`,
			fields: { email: 'someone@textfields.test', name: 'Someone', role: 'board_viewer' },
			text: [{ name: 'email', formatted: true }, { name: 'name' }]
		},
		{
			who: 'collaboration_admin',
			path: `${c}/municipalities?/add`,
			fields: { country: 'NO', nationalNumber: '9903', name: 'Tekstby', validFrom: '2020-01-01', population: '100', populationYear: '2024' },
			text: [
				{ name: 'nationalNumber', formatted: true },
				{ name: 'name' },
				{ name: 'validFrom', formatted: true },
				{ name: 'population', formatted: true },
				{ name: 'populationYear', formatted: true }
			]
		},
		{
			who: 'collaboration_admin',
			path: `${c}/municipalities?/end`,
			fields: { membershipId: anyId, validTo: '2030-01-01' },
			text: [{ name: 'validTo', formatted: true }]
		},
		{
			who: 'collaboration_admin',
			path: `${c}/municipalities?/population`,
			fields: { municipalityId: anyId, year: '2024', population: '100' },
			text: [
				{ name: 'year', formatted: true },
				{ name: 'population', formatted: true }
			]
		},
		{
			who: 'collaboration_admin',
			path: `${c}/sectors?/add`,
			fields: { key: 'tekst', nb: 'Tekst', sv: 'Text', en: 'Text' },
			text: [{ name: 'key', formatted: true }, { name: 'nb' }, { name: 'sv' }, { name: 'en' }]
		},
		{
			who: 'collaboration_admin',
			path: `${c}/sectors?/update`,
			fields: { sectorId: anyId, position: '1', nb: 'Tekst', sv: 'Text', en: 'Text' },
			text: [{ name: 'position', formatted: true }, { name: 'nb' }, { name: 'sv' }, { name: 'en' }]
		},
		{
			who: 'collaboration_admin',
			path: `${c}/rounds?/open`,
			fields: { year: '2031', opensOn: '2031-01-01', closesOn: '2031-02-01' },
			text: [
				{ name: 'year', formatted: true },
				{ name: 'opensOn', formatted: true },
				{ name: 'closesOn', formatted: true }
			]
		},
		{
			who: 'coordinator',
			path: `${c}/rounds/${fuzz.roundId}?/assign`,
			fields: { assessmentId: fuzz.assessments['0:1']!, email: 'assigned@textfields.test', name: 'Assigned' },
			text: [{ name: 'email', formatted: true }, { name: 'name' }]
		},
		{ who: 'coordinator', path: `${c}/rounds/${fuzz.roundId}?/reopen`, fields: { responseId: anyId, reason: 'Because' }, text: [{ name: 'reason' }] },
		{
			who: 'textfields',
			path: `/assessments/${fuzz.assessments['1:1']}/culture?/save`,
			fields: { [`rev:${item}`]: 'REV', [`choice:${item}`]: 'dont_know', [`comment:${item}`]: 'A comment', [`evidence:${item}`]: 'https://example.org/plan' },
			text: [
				{ name: `comment:${item}`, lines: true },
				{ name: `evidence:${item}`, formatted: true }
			],
			errorKey: byItem
		},
		{
			who: 'textfields',
			path: `/assessments/${fuzz.assessments['1:1']}/leadership?/save`,
			fields: { [`rev:${naItem}`]: 'REV', [`choice:${naItem}`]: 'not_applicable', [`reason:${naItem}`]: 'No forum here' },
			text: [{ name: `reason:${naItem}`, lines: true }],
			errorKey: byItem
		}
	];
}

/** Someone of their own in the fuzz collaboration: answers its second member's second sector, changes their own account. */
function textfieldsPerson(): Promise<string> {
	const { fuzz } = tenants();
	return createPerson('textfields', {
		role: 'respondent',
		collaborationId: fuzz.collaborationId,
		municipalityId: fuzz.municipalityIds[1],
		sectorId: fuzz.sectorIds[1]!
	});
}

/** The revision of the person's answer to an item, as the page would have shown it. */
async function revision(email: string, itemKey: string): Promise<string> {
	const sql = database();
	try {
		const [row] = await sql<{ revision: number }[]>`
			select a.revision from answer a join response r on r.id = a.response_id join app_user u on u.id = r.respondent_id
			where u.email = ${email} and a.item_key = ${itemKey}`;
		return String(row?.revision ?? 0);
	} finally {
		await sql.end();
	}
}

/** Posts like the page's own fetch does, so the result comes back as data, not as a page. */
async function post(context: APIRequestContext, path: string, form: Record<string, string>) {
	const body = Object.entries(form)
		.map(([k, v]) => `${encodeURIComponent(k)}=${encodeWtf8(v)}`)
		.join('&');
	const response = await context.post(path, {
		data: body,
		headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json', 'x-sveltekit-action': 'true' },
		maxRedirects: 0
	});
	const text = await response.text();
	let result: { type?: string; status?: number; data?: string } = {};
	try {
		result = JSON.parse(text);
	} catch {
		// a page or a redirect: no action result to read
	}
	const data = result.data ? (devalue.parse(result.data) as Record<string, unknown>) : {};
	return { status: response.status(), type: result.type, data, text };
}

/** Percent-encodes like encodeURIComponent, but writes a lone surrogate's own three bytes instead of failing. */
function encodeWtf8(text: string): string {
	let out = '';
	for (const char of text) {
		const code = char.codePointAt(0)!;
		if (code >= 0xd800 && code <= 0xdfff)
			out += [0xe0 | (code >> 12), 0x80 | ((code >> 6) & 0x3f), 0x80 | (code & 0x3f)].map((b) => `%${b.toString(16).toUpperCase()}`).join('');
		else out += encodeURIComponent(char);
	}
	return out;
}

test('every text field refuses control characters with its own error, keeps line breaks where it may, never fails', async ({ baseURL }) => {
	test.setTimeout(120_000);
	const fixture = tenants();
	const own = await textfieldsPerson();
	const contexts = new Map<Form['who'], APIRequestContext>();
	const contextOf = async (who: Form['who']) => {
		let context = contexts.get(who);
		if (!context) {
			context = await playwrightRequest.newContext({ baseURL, extraHTTPHeaders: { origin: baseURL! } });
			const email = who === 'anonymous' ? null : who === 'textfields' ? own : who === 'platform_admin' ? fixture.platformAdmin : fixture.fuzz.users[who];
			if (email) await signInRequest(context, baseURL!, email);
			contexts.set(who, context);
		}
		return context;
	};

	for (const form of forms()) {
		const context = await contextOf(form.who);
		for (const field of form.text) {
			for (const [kind, value] of Object.entries(evil) as [keyof typeof evil, string][]) {
				const fields = { ...form.fields, [field.name]: value };
				for (const [name, v] of Object.entries(fields)) if (v === 'REV') fields[name] = await revision(own, name.slice(4));
				const { status, data, type } = await post(context, form.path, fields);
				const what = `${form.who} ${form.path} ${field.name} ← ${kind}`;
				expect.soft(status, what).toBeLessThan(500);
				const error = ((data.errors ?? {}) as Record<string, string>)[(form.errorKey ?? String)(field.name)];
				if (kind === 'nul') {
					expect.soft(type, what).toBe('failure');
					expect.soft(error, `${what}: the field's own error`).toBeTruthy();
					if (!field.formatted) expect.soft(error, what).toBe('form.control_characters');
				}
				if (kind === 'lineBreak' && !field.lines) {
					expect.soft(error, `${what}: one line only`).toBeTruthy();
					if (!field.formatted) expect.soft(error, what).toBe('form.single_line');
				}
				if (kind === 'lineBreak' && field.lines) expect.soft(error, `${what}: several lines are fine`).toBeUndefined();
			}
		}
	}
	for (const context of contexts.values()) await context.dispose();

	// the line breaks of a reason are kept as typed
	const sql = database();
	try {
		const [row] = await sql<{ reason: string }[]>`
			select a.na_reason as reason from answer a join response r on r.id = a.response_id join app_user u on u.id = r.respondent_id
			where u.email = ${own} and a.item_key = 'leadership.time-for-forums'`;
		expect(row?.reason).toBe(evil.lineBreak);
	} finally {
		await sql.end();
	}
});
