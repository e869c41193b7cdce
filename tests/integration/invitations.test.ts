import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { checkLink, setPasswordWithLink } from '../../src/lib/server/auth/links';
import { makePlatformAdmin, PlatformAdminRefusedError } from '../../src/lib/server/auth/platform-admins';
import { createCollaboration, setUpCollaboration } from '../../src/lib/server/collaborations/collaborations';
import { invite, type InvitationReply } from '../../src/lib/server/collaborations/invitations';
import { addGrant, listPeople, PlatformAdminGrantError, revokeGrant } from '../../src/lib/server/collaborations/people';
import { first, useTestDatabase } from './database';
import { startMailSink, type MailSink } from './smtp';

/**
 * Accounts are platform-wide, invitations a collaboration's: an invitation never lets
 * whoever invites act as the person invited, a collaboration never replaces, reissues or
 * sees another's link, replies say nothing about accounts elsewhere, and the platform's
 * operator holds no role in any collaboration.
 */
describe('invitations', () => {
	const { sql } = useTestDatabase();
	const origin = 'https://moden.example';
	let a: string; // the coordinator's collaboration
	let b: string; // the collaboration whose admin is targeted
	let municipality: string;
	let sector: string;
	let sink: MailSink | undefined;

	beforeAll(async () => {
		a = (await createCollaboration(sql(), { name: 'A-samarbeidet', legalForm: 'iks', country: 'NO' }, null)).id;
		b = (await createCollaboration(sql(), { name: 'B-samverkan', legalForm: 'kommunalforbund', country: 'SE' }, null)).id;
		({ id: municipality } = await first(
			sql()<{ id: string }[]>`insert into municipality (country, national_number, name) values ('NO', '3403', 'Hamar') returning id`
		));
		await sql()`insert into membership (collaboration_id, municipality_id, valid_from) values (${a}, ${municipality}, '2020-01-01')`;
		({ id: sector } = await first(sql()<{ id: string }[]>`select id from sector where collaboration_id = ${a} order by position limit 1`));
	});
	afterEach(async () => {
		delete process.env.SMTP_URL;
		await sink?.close();
		sink = undefined;
	});

	const delivery = (collaboration: string) => ({ origin, locale: 'nb' as const, collaboration });
	const inviteAdmin = (collaborationId: string, email: string) =>
		invite(sql(), collaborationId, { email, name: '', role: 'collaboration_admin', municipalityId: null, sectorId: null }, { id: null }, delivery('B'));
	const assign = (email: string) =>
		invite(sql(), a, { email, name: '', role: 'respondent', municipalityId: municipality, sectorId: sector }, { id: null, ip: '192.0.2.1' }, delivery('A'));
	const tokenOf = (reply: InvitationReply) => reply.link!.slice(`${origin}/invitation/`.length);
	const withMail = async () => {
		sink = await startMailSink();
		process.env.SMTP_URL = sink.url;
		return sink;
	};

	it('gives a coordinator of A no link to the pending admin account B created, and replaces nothing of B’s', async () => {
		const owners = await inviteAdmin(b, 'b.admin@b.example');
		expect(owners.link).toMatch(/\/invitation\//);
		const attackers = await assign('b.admin@b.example');
		expect(attackers.link).toBeNull();
		// B's link is neither replaced nor shown again, but it was shown to B's inviter, so
		// A's grant withdraws it: no one who saw a link can act as a person others gave roles to.
		expect(await checkLink(sql(), tokenOf(owners), 'invitation')).toEqual({ ok: false, reason: 'withdrawn' });
		const { n } = await first(
			sql()<{ n: number }[]>`select count(*)::int as n from user_token t join app_user u on u.id = t.user_id where u.email = 'b.admin@b.example'`
		);
		expect(n).toBe(1);
	});

	it('mails the link only to the address, bound to the grant, and tells every inviter the same', async () => {
		await inviteAdmin(b, 'b.admin.active@b.example');
		await sql()`update app_user set password_hash = 'x' where email = 'b.admin.active@b.example'`;
		await inviteAdmin(b, 'b.pending@b.example');
		const mails = await withMail();
		const fresh = await assign('new.person@a.example');
		const active = await assign('b.admin.active@b.example'); // an account with a password, elsewhere
		const pending = await assign('b.pending@b.example'); // an account of B's without one yet
		expect(fresh).toEqual({ email: 'new.person@a.example', link: null, mailed: true });
		expect([active, pending].map((r) => ({ ...r, email: '' }))).toEqual([
			{ ...fresh, email: '' },
			{ ...fresh, email: '' }
		]);
		const [mail] = await mails.waitFor(1);
		expect(mail!.to).toEqual(['new.person@a.example']);
		const token = /\/invitation\/([a-z2-7]{24}\.[a-z2-7]{32})/.exec(mail!.data.replace(/=\r?\n/g, ''))![1]!;
		const [grant] = await sql()<{ id: string }[]>`select g.id from role_grant g join app_user u on u.id = g.user_id where u.email = 'new.person@a.example'`;
		expect(await first(sql()<{ grant_id: string; delivery: string }[]>`select grant_id, delivery from user_token where id = ${token.split('.')[0]!}`)).toEqual({
			grant_id: grant!.id,
			delivery: 'mail'
		});
		// revoking the grant withdraws the link
		await revokeGrant(sql(), a, grant!.id, (await first(sql()<{ id: string }[]>`select id from app_user where email = 'new.person@a.example'`)).id);
		expect((await checkLink(sql(), token, 'invitation')).ok).toBe(false);
		await new Promise((r) => setTimeout(r, 200));
		expect(mails.received).toHaveLength(1);
	});

	it('lets the collaboration that created a pending account invite it again, while no one else has given it a role', async () => {
		const firstReply = await inviteAdmin(a, 'again@a.example');
		const again = await inviteAdmin(a, 'again@a.example');
		expect(again.link).toMatch(/\/invitation\//);
		expect(await checkLink(sql(), tokenOf(firstReply), 'invitation')).toEqual({ ok: false, reason: 'used' }); // replaced by its own collaboration
		await inviteAdmin(b, 'again@a.example');
		expect((await inviteAdmin(a, 'again@a.example')).link).toBeNull();
		expect(await checkLink(sql(), tokenOf(again), 'invitation')).toEqual({ ok: false, reason: 'withdrawn' });
		expect((await setPasswordWithLink(sql(), tokenOf(again), 'invitation', 'the inviter’s password')).ok).toBe(false);
	});

	it('records every link it issues in the collaboration’s audit trail, and nothing about the account', async () => {
		const reply = await assign('audited@a.example');
		const events = await sql()<{ action: string; collaboration_id: string; detail: Record<string, unknown> }[]>`
			select e.action, e.collaboration_id, e.detail from audit_event e join app_user u on u.id::text = e.subject_id
			where u.email = 'audited@a.example' order by e.id`;
		expect(events.map((e) => e.action)).toEqual(['grant.added', 'link.issued', 'invitation.sent']);
		expect(events.every((e) => e.collaboration_id === a)).toBe(true);
		expect(events[1]!.detail).toMatchObject({ purpose: 'invitation', link: tokenOf(reply).split('.')[0], delivery: 'shown' });
		expect(events[2]!.detail).not.toHaveProperty('newAccount');
	});

	it('lists people the same whether their account is new or known elsewhere', async () => {
		await assign('listed.new@a.example');
		await sql()`insert into app_user (email, password_hash, last_signed_in_at) values ('listed.known@b.example', 'x', now() - interval '1 day')`;
		await assign('listed.known@b.example');
		const people = (await listPeople(sql(), a, 'nb')).filter((p) => p.email.startsWith('listed.'));
		expect(people.map((p) => p.waiting)).toEqual([true, true]);
	});

	it('refuses any role in a collaboration to a platform administrator, in the app and in the database', async () => {
		await makePlatformAdmin(sql(), 'operator@moden.example');
		const { id } = await first(sql()<{ id: string }[]>`select id from app_user where email = 'operator@moden.example'`);
		await expect(assign('operator@moden.example')).rejects.toBeInstanceOf(PlatformAdminGrantError);
		await expect(addGrant(sql(), b, id, { role: 'board_viewer', municipalityId: null, sectorId: null }, null)).rejects.toBeInstanceOf(PlatformAdminGrantError);
		await expect(sql()`insert into role_grant (user_id, role, collaboration_id) values (${id}, 'board_viewer', ${b})`).rejects.toThrow(
			/platform administrator cannot hold a role/
		);
		const setUp = setUpCollaboration(
			sql(),
			{ name: 'Operatørens eget', legalForm: 'iks', country: 'NO', adminEmail: 'operator@moden.example' },
			{ id, ip: null },
			{ origin, locale: 'nb' }
		);
		await expect(setUp).rejects.toBeInstanceOf(PlatformAdminGrantError);
		expect(await sql()`select 1 from collaboration where name = 'Operatørens eget'`).toHaveLength(0);
	});

	it('makes no one with a role in a collaboration a platform administrator, and prints links only for the platform’s own new accounts', async () => {
		await assign('member@a.example');
		await expect(makePlatformAdmin(sql(), 'member@a.example')).rejects.toBeInstanceOf(PlatformAdminRefusedError);
		const { id } = await first(sql()<{ id: string }[]>`select id from app_user where email = 'member@a.example'`);
		await expect(sql()`insert into role_grant (user_id, role) values (${id}, 'platform_admin')`).rejects.toThrow(/platform administrator cannot hold a role/);
		expect((await makePlatformAdmin(sql(), 'new.operator@moden.example')).token).toMatch(/^[a-z2-7]{24}\./);
		await sql()`update app_user set password_hash = 'x' where email = 'new.operator@moden.example'`;
		expect((await makePlatformAdmin(sql(), 'new.operator@moden.example')).token).toBeNull();
	});
});

afterAll(() => {
	delete process.env.SMTP_URL;
});
