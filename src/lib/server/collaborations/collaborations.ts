import type { Sql } from 'postgres';
import { audit } from '../audit';
import { todayFor } from '../calendar';
import { refreshOpenRoundScores } from '../results/scores';
import type { Db } from '../db/index';
import { deliverInvitation, grantWithInvitation, type Delivery, type InvitationReply } from './invitations';

export const legalForms = [
	'vertskommune',
	'kommunalt_oppgavefellesskap',
	'iks',
	'as',
	'samkommune',
	'avtale',
	'gemensam_namnd',
	'kommunalforbund',
	'avtalssamverkan',
	'aktiebolag',
	'other'
] as const;
export type LegalForm = (typeof legalForms)[number];
export type Country = 'NO' | 'SE';

export interface Collaboration {
	id: string;
	name: string;
	legalForm: LegalForm;
	country: Country;
	membersSeeNames: boolean;
	/** results count only the assessments a coordinator approved (assessments/signoff.ts) */
	resultsOnlyApproved: boolean;
}

/** The default sector catalogue of BRIEF §3, given to every new collaboration. */
export const defaultSectors = [
	{ key: 'helse-omsorg', nb: 'Helse og omsorg', nn: 'Helse og omsorg', sv: 'Vård och omsorg', en: 'Health and care' },
	{ key: 'oppvekst', nb: 'Oppvekst', nn: 'Oppvekst', sv: 'Barn och utbildning', en: 'Education' },
	{ key: 'teknisk', nb: 'Teknisk og samfunn', nn: 'Teknisk og samfunn', sv: 'Samhällsbyggnad', en: 'Technical services and planning' },
	{
		key: 'okonomi-administrasjon',
		nb: 'Økonomi og administrasjon',
		nn: 'Økonomi og administrasjon',
		sv: 'Ekonomi och administration',
		en: 'Finance and administration'
	},
	{ key: 'kultur', nb: 'Kultur', nn: 'Kultur', sv: 'Kultur och fritid', en: 'Culture' },
	{ key: 'sentral-ledelse', nb: 'Sentral ledelse', nn: 'Sentral leiing', sv: 'Kommunledning', en: 'Central management', whole: true }
] as const;

const columns = (sql: Db) => sql`id, name, legal_form as "legalForm", country, members_see_names as "membersSeeNames",
	results_only_approved as "resultsOnlyApproved"`;

export async function createCollaboration(
	sql: Sql,
	input: { name: string; legalForm: LegalForm; country: Country },
	actorId: string | null
): Promise<Collaboration> {
	return sql.begin((tx) => insertCollaboration(tx, input, actorId));
}

/**
 * The operator's whole part in a collaboration: creating it and inviting its first
 * administrator, in one transaction (an address that cannot be its admin leaves no
 * collaboration without one behind).
 */
export async function setUpCollaboration(
	sql: Sql,
	input: { name: string; legalForm: LegalForm; country: Country; adminEmail: string },
	actor: { id: string; ip: string | null },
	delivery: Omit<Delivery, 'collaboration'>
): Promise<{ collaboration: Collaboration; invitation: InvitationReply }> {
	const { name, legalForm, country, adminEmail } = input;
	const { collaboration, invited } = await sql.begin(async (tx) => {
		const collaboration = await insertCollaboration(tx, { name, legalForm, country }, actor.id);
		const invited = await grantWithInvitation(
			tx,
			collaboration.id,
			{ email: adminEmail, name: '', role: 'collaboration_admin', municipalityId: null, sectorId: null },
			actor
		);
		return { collaboration, invited };
	});
	return { collaboration, invitation: deliverInvitation(invited, { ...delivery, collaboration: collaboration.name }) };
}

async function insertCollaboration(tx: Db, input: { name: string; legalForm: LegalForm; country: Country }, actorId: string | null): Promise<Collaboration> {
	const [c] = await tx<Collaboration[]>`
		insert into collaboration (name, legal_form, country) values (${input.name}, ${input.legalForm}, ${input.country})
		returning ${columns(tx)}`;
	const sectors = defaultSectors.map((s, position) => ({
		collaboration_id: c!.id,
		key: s.key,
		name_nb: s.nb,
		name_nn: s.nn,
		name_sv: s.sv,
		name_en: s.en,
		whole_municipality: 'whole' in s,
		position
	}));
	await tx`insert into sector ${tx(sectors)}`;
	await audit(tx, { action: 'collaboration.created', actorId, collaborationId: c!.id, subjectType: 'collaboration', subjectId: c!.id, detail: input });
	return c!;
}

/** Whether another collaboration than `except` already has this name (names are unique whatever their case). */
export async function nameTaken(sql: Db, name: string, except: string | null = null): Promise<boolean> {
	const rows = await sql`select 1 from collaboration where lower(name) = lower(${name}) and id is distinct from ${except}`;
	return rows.length > 0;
}

export async function getCollaboration(sql: Db, id: string): Promise<Collaboration | null> {
	const [c] = await sql<Collaboration[]>`select ${columns(sql)} from collaboration where id = ${id}`;
	return c ?? null;
}

/** Every collaboration for the platform operator; otherwise those the person has a grant in. */
export async function listCollaborations(sql: Db, ids: string[] | 'all'): Promise<Collaboration[]> {
	return ids === 'all'
		? sql<Collaboration[]>`select ${columns(sql)} from collaboration order by name`
		: sql<Collaboration[]>`select ${columns(sql)} from collaboration where id = any(${ids}::uuid[]) order by name`;
}

export async function updateCollaboration(
	sql: Sql,
	id: string,
	input: { name: string; legalForm: LegalForm; country: Country; membersSeeNames: boolean; resultsOnlyApproved: boolean },
	actorId: string
): Promise<void> {
	await sql.begin(async (tx) => {
		const [before] = await tx<Collaboration[]>`select ${columns(tx)} from collaboration where id = ${id} for update`;
		await tx`
			update collaboration set name = ${input.name}, legal_form = ${input.legalForm}, country = ${input.country},
				members_see_names = ${input.membersSeeNames}, results_only_approved = ${input.resultsOnlyApproved}
			where id = ${id}`;
		// Which assessments count changed: the open rounds' scores follow (closed ones keep their final snapshot).
		if (before && before.resultsOnlyApproved !== input.resultsOnlyApproved) await refreshOpenRoundScores(tx, id);
		await audit(tx, {
			action: 'collaboration.updated',
			actorId,
			collaborationId: id,
			subjectType: 'collaboration',
			subjectId: id,
			detail: { before, after: input }
		});
	});
}

/** What the collaboration's overview counts: current members, active sectors, people with a role. */
export async function overviewCounts(sql: Db, collaborationId: string): Promise<{ members: number; sectors: number; people: number }> {
	const [counts] = await sql<{ members: number; sectors: number; people: number }[]>`
		select (select count(*)::int from membership ms where ms.collaboration_id = ${collaborationId} and (ms.valid_to is null or ms.valid_to >= ${todayFor(sql, sql`ms.collaboration_id`)})) as members,
			(select count(*)::int from sector where collaboration_id = ${collaborationId} and archived_at is null) as sectors,
			(select count(distinct user_id)::int from role_grant where collaboration_id = ${collaborationId}) as people`;
	return counts!;
}
