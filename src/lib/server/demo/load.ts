import type { Sql } from 'postgres';
import { hashPassword } from '../auth/password';
import { createCollaboration } from '../collaborations/collaborations';
import type { Db } from '../db/index';
import { refreshYearScores } from '../results/scores';
import { writeDemoInitiatives } from './initiatives';
import { CHECKLIST, demoPlan, HEDMARK, type PlannedCollaboration, type Scale } from './plan';

/**
 * Writes a demo platform (plan.ts) into an empty database: collaborations, members,
 * four yearly rounds (ten at national scale) under both questionnaire versions, the
 * current year's still open and partly answered, answers drawn deterministically in
 * SQL, scores, and demo people for every role in Hedmark IKT.
 *
 * Answers: each is a level around the member's trajectory (base + trend × years, plus
 * the sector's bias), moved by a per-item difficulty and noise that are hashes of
 * (seed, municipality, sector, year, respondent, item), so the same seed always gives
 * the same answers; about 5 % "don't know", and "not applicable" on some items that allow it.
 */
export const DEMO_PASSWORD = 'moden-demo-2026';
export const DEMO_RESPONDENT = 'hamar.helse-omsorg.1@demo.moden.no';

/** A sector head's address: municipality (ascii), sector key and number. */
const headEmail = (sql: Db, municipality: ReturnType<Db>, sector: ReturnType<Db>, k: ReturnType<Db>) =>
	sql`lower(translate(${municipality}, 'æøåÆØÅäöÄÖ ', 'eoaeoaaoao-')) || '.' || ${sector} || '.' || ${k} || '@demo.moden.no'`;

export interface DemoOptions {
	scale: Scale;
	seed?: number;
	/** yearly rounds up to this year (default: 4 for the demo, 10 at the other scales) */
	rounds?: number;
	/** respondents per assessment everywhere (default: the plan's 1–2, three in Hedmark IKT) */
	respondents?: number;
	now?: Date;
	log?: (line: string) => void;
}

export interface DemoLogin {
	role: string;
	email: string;
}

export class NotEmptyError extends Error {
	constructor() {
		super('The database already holds data: demo data is only loaded into an empty installation.');
	}
}

export async function isEmpty(sql: Db): Promise<boolean> {
	const [row] = await sql<{ used: boolean }[]>`select exists (select 1 from collaboration) or exists (select 1 from app_user) as used`;
	return !row!.used;
}

export async function loadDemo(sql: Sql, options: DemoOptions): Promise<DemoLogin[]> {
	const seed = options.seed ?? 2026;
	const now = options.now ?? new Date();
	const log = options.log ?? (() => {});
	if (!(await isEmpty(sql))) throw new NotEmptyError();
	const plan = demoPlan(options.scale, seed).map((c) => (options.respondents ? { ...c, respondents: options.respondents } : c));
	const thisYear = now.getFullYear();
	const roundCount = options.rounds ?? (options.scale === 'demo' ? 4 : 10);
	const years = Array.from({ length: roundCount }, (_, i) => thisYear - roundCount + 1 + i);
	const versions = await sql<{ id: string; version: number }[]>`
		select v.id, v.version from questionnaire_version v join questionnaire q on q.id = v.questionnaire_id
		where q.slug = 'digital-maturity' and v.version <= 2 order by v.version`;
	if (versions.length < 2) throw new Error('Publish both questionnaire versions before loading demo data.');
	const [checklist] = await sql<{ id: string }[]>`
		select v.id from questionnaire_version v join questionnaire q on q.id = v.questionnaire_id where q.slug = ${CHECKLIST} order by v.version desc limit 1`;
	// The first half of the years under version 1, the rest under version 2 (the crosswalk's break shows).
	const versionOf = (year: number) => (year < years[Math.floor(years.length / 2)]! ? versions[0]!.id : versions.at(-1)!.id);

	const ids = new Map<string, string>();
	for (const c of plan) ids.set(c.name, (await createCollaboration(sql, { name: c.name, legalForm: c.legalForm, country: c.country }, null)).id);
	// Collaborations that run the checklist (its last two years only: it is new); the others the maturity instrument.
	const checklistIds = checklist ? plan.filter((c) => c.questionnaire === CHECKLIST).map((c) => ids.get(c.name)!) : [];
	const trajectories = await writeMembers(sql, plan, ids, thisYear);
	log(`demo: ${plan.length} collaborations, ${new Set(plan.flatMap((c) => c.members.map((m) => m.number))).size} municipalities`);

	const logins = await demoPeople(sql, ids.get(HEDMARK)!);
	for (const year of years) {
		const open = year === thisYear;
		const t0 = Date.now();
		await sql.begin(async (tx) => {
			await tx`
				insert into round (collaboration_id, year, questionnaire_version_id, opens_on, closes_on)
				select id, ${year}::int, case when id = any(${checklistIds}::uuid[]) then ${checklist?.id ?? null}::uuid else ${versionOf(year)}::uuid end,
					${open ? isoDay(now, -60) : `${year}-09-01`}::date, ${open ? isoDay(now, 30) : `${year}-11-30`}::date
				from collaboration where not (id = any(${checklistIds}::uuid[]) and ${year}::int < ${thisYear - 1}::int)`;
			await tx`
				insert into assessment (collaboration_id, round_id, municipality_id, sector_id)
				select r.collaboration_id, r.id, ms.municipality_id, s.id
				from round r
				join membership ms on ms.collaboration_id = r.collaboration_id and ms.valid_from <= r.closes_on
				join sector s on s.collaboration_id = r.collaboration_id and s.archived_at is null
				where r.year = ${year}`;
			await writeResponses(tx, trajectories, year, open, seed);
			await writeAnswers(tx, trajectories, year, seed);
			await tx`
				update assessment a set status = case
					when exists (select 1 from response r where r.assessment_id = a.id and r.status = 'in_progress') then 'in_progress'
					when exists (select 1 from response r where r.assessment_id = a.id) then 'submitted' else 'not_started' end
				from round r where r.id = a.round_id and r.year = ${year}`;
		});
		// Fresh statistics after the bulk insert, so the planner hash-joins the year's rows
		// instead of looping over what it would take for a handful.
		await sql`analyze assessment, response, answer`;
		await sql.begin((tx) => refreshYearScores(tx, year));
		const [{ n } = { n: 0 }] = await sql<
			{ n: number }[]
		>`select count(*)::int as n from answer a join response r on r.id = a.response_id join assessment x on x.id = r.assessment_id join round ro on ro.id = x.round_id where ro.year = ${year}`;
		log(`demo: round ${year}${open ? ' (open)' : ''}: ${n} answers (${Date.now() - t0} ms)`);
	}
	log(`demo: ${await writeDemoInitiatives(sql, ids.get(HEDMARK)!, thisYear)} initiatives in ${HEDMARK}`);
	await sql`
		insert into installation_setting (key, value) values ('demo', ${sql.json({ scale: options.scale, seed, loadedAt: now.toISOString() })})
		on conflict (key) do update set value = excluded.value, updated_at = now()`;
	return logins;
}

function isoDay(now: Date, offsetDays: number): string {
	return new Date(now.getTime() + offsetDays * 86_400_000).toISOString().slice(0, 10);
}

async function writeMembers(sql: Sql, plan: PlannedCollaboration[], ids: Map<string, string>, thisYear: number): Promise<Trajectories> {
	const municipalities = [
		...new Map(plan.flatMap((c) => c.members.map((m) => [`${c.country}${m.number}`, { country: c.country, national_number: m.number, name: m.name }]))).values()
	];
	await sql`insert into municipality ${sql(municipalities)} on conflict (country, national_number) do nothing`;
	const byKey = new Map((await sql<{ id: string; key: string }[]>`select id, country || national_number as key from municipality`).map((r) => [r.key, r.id]));
	const memberships = plan.flatMap((c) =>
		c.members.map((m) => ({ collaboration_id: ids.get(c.name)!, municipality_id: byKey.get(`${c.country}${m.number}`)!, valid_from: m.joined }))
	);
	await sql`insert into membership ${sql(memberships)}`;
	const populations = [
		...new Map(
			plan.flatMap((c) =>
				c.members.map((m) => [
					`${c.country}${m.number}`,
					{ municipality_id: byKey.get(`${c.country}${m.number}`)!, year: thisYear - 1, population: m.population }
				])
			)
		).values()
	];
	await sql`insert into municipality_population ${sql(populations)}`;
	return {
		members: plan.flatMap((c) =>
			c.members.map((m) => ({
				collaboration_id: ids.get(c.name)!,
				municipality_id: byKey.get(`${c.country}${m.number}`)!,
				base: m.base,
				trend: m.trend,
				respondents: c.respondents
			}))
		),
		biases: plan.flatMap((c) => Object.entries(c.sectorBias).map(([sector_key, bias]) => ({ collaboration_id: ids.get(c.name)!, sector_key, bias })))
	};
}

/** Each member's trajectory and each collaboration's sector biases, handed to SQL as JSON. */
interface Trajectories {
	members: { collaboration_id: string; municipality_id: string; base: number; trend: number; respondents: number }[];
	biases: { collaboration_id: string; sector_key: string; bias: number }[];
}

const trajectoryTable = (tx: Db, t: Trajectories) =>
	tx`jsonb_to_recordset(${tx.json(t.members)}) as t(collaboration_id uuid, municipality_id uuid, base float8, trend float8, respondents int)`;
const biasTable = (tx: Db, t: Trajectories) => tx`jsonb_to_recordset(${tx.json(t.biases)}) as b(collaboration_id uuid, sector_key text, bias float8)`;

/** A uniform number in [0, 1) from a hash of the parts: the generator's only source of chance. */
const chance = (tx: Db, ...parts: ReturnType<Db>[]) => {
	const list = parts.reduce((all, part) => tx`${all}, ${part}`);
	return tx`((abs(hashtextextended(concat_ws('|', ${list}), 0)) % 1000003)::float8 / 1000003)`;
};

/**
 * Responses of the year: every respondent submitted in past rounds; in the open round
 * about half submitted, a quarter half-way, a quarter not started. Hedmark IKT's
 * respondents are its demo people; elsewhere responses are anonymous.
 */
async function writeResponses(tx: Db, trajectories: Trajectories, year: number, open: boolean, seed: number) {
	await tx`
		insert into response (collaboration_id, assessment_id, respondent_id, status, started_at, submitted_at)
		select a.collaboration_id, a.id, u.id, x.status,
			make_timestamptz(${year}::int, 10, 1, 8, 0, k::float8), case when x.status = 'submitted' then make_timestamptz(${year}::int, 10, 20, 12, 0, k::float8) end
		from assessment a
		join round r on r.id = a.round_id and r.year = ${year}
		join municipality m on m.id = a.municipality_id
		join sector s on s.id = a.sector_id
		join ${trajectoryTable(tx, trajectories)} on t.collaboration_id = a.collaboration_id and t.municipality_id = a.municipality_id
		cross join lateral generate_series(1, t.respondents) k
		cross join lateral (select ${open ? chance(tx, tx`${seed}::int`, tx`'progress'`, tx`m.national_number`, tx`s.key`, tx`k`) : tx`0`} as p) c
		left join app_user u on u.email = ${headEmail(tx, tx`m.name`, tx`s.key`, tx`k`)}
		cross join lateral (
			select case when c.p < 0.5 and u.email is distinct from ${DEMO_RESPONDENT} then 'submitted' when c.p < 0.75 or u.email = ${DEMO_RESPONDENT} then 'in_progress' end as status
		) x
		where x.status is not null`;
}

async function writeAnswers(tx: Db, trajectories: Trajectories, year: number, seed: number) {
	await tx`
		with responses as (
			select r.id, r.collaboration_id, r.status, ro.questionnaire_version_id as version_id, m.national_number, s.key as sector,
				row_number() over (partition by r.assessment_id order by r.started_at) as k,
				t.base + t.trend * (${year}::int - (select min(year) from round)) + coalesce(b.bias, 0) as expected
			from response r
			join assessment a on a.id = r.assessment_id
			join round ro on ro.id = a.round_id and ro.year = ${year}
			join municipality m on m.id = a.municipality_id
			join sector s on s.id = a.sector_id
			join ${trajectoryTable(tx, trajectories)} on t.collaboration_id = a.collaboration_id and t.municipality_id = a.municipality_id
			left join ${biasTable(tx, trajectories)} on b.collaboration_id = a.collaboration_id and b.sector_key = s.key
		)
		insert into answer (response_id, collaboration_id, questionnaire_version_id, item_key, kind, level, ticked, amount, na_reason, updated_at)
		select r.id, r.collaboration_id, r.version_id, i.key, d.kind,
			-- the member's level (1…5 in the plan) placed on the item's own points
			case when d.kind = 'level' then greatest(1, least(jsonb_array_length(i.scale -> 'values'),
				round(1 + (d.latent - 1) * (jsonb_array_length(i.scale -> 'values') - 1) / 4.0)))::int end,
			-- a checklist: each option ticked with a chance that grows with the level; nothing ticked is "none of these"
			case when d.kind = 'ticked' then coalesce(
				nullif(array(select o ->> 'key' from jsonb_array_elements(i.scale -> 'options') o
					where not (o ->> 'exclusive')::boolean
						and ${chance(tx, tx`${seed}::int`, tx`'tick'`, tx`r.national_number`, tx`r.sector`, tx`r.k`, tx`i.key`, tx`o ->> 'key'`)} < (d.latent - 0.5) / 5), '{}'),
				array(select o ->> 'key' from jsonb_array_elements(i.scale -> 'options') o where (o ->> 'exclusive')::boolean),
				array[i.scale -> 'options' -> 0 ->> 'key']) end,
			-- an amount: a percent from the level, a count that grows with it
			case when d.kind = 'amount' then
				case when i.scale ->> 'max' is not null then round(greatest(0, least(100, (d.latent - 1) * 25))::numeric, 0)
				else round(greatest(0, (d.latent - 1) * 3))::numeric end end,
			case when d.kind = 'not_applicable' then 'Ikke aktuelt i denne sektoren' end,
			make_timestamptz(${year}::int, 10, 10, 9, 0, 0)
		from responses r
		join questionnaire_item i on i.questionnaire_version_id = r.version_id
		cross join lateral (
			select ${chance(tx, tx`${seed}::int`, tx`'kind'`, tx`r.national_number`, tx`r.sector`, tx`r.k`, tx`i.key`)} as u,
				(${chance(tx, tx`${seed}::int`, tx`'item'`, tx`i.key`)} - 0.5) as difficulty,
				(${chance(tx, tx`${seed}::int`, tx`'noise'`, tx`r.national_number`, tx`r.sector`, tx`${year}::int`, tx`r.k`, tx`i.key`)} - 0.5) * 1.6 as noise,
				${chance(tx, tx`${seed}::int`, tx`'skip'`, tx`r.national_number`, tx`r.sector`, tx`r.k`, tx`i.key`)} as skip
		) h
		cross join lateral (
			select case when h.u < 0.05 then 'dont_know' when i.allow_na and h.u > 0.9 then 'not_applicable'
					else case i.scale ->> 'type' when 'checklist' then 'ticked' when 'amount' then 'amount' else 'level' end end as kind,
				greatest(1, least(5, r.expected + h.difficulty + h.noise)) as latent
		) d
		-- a response in progress has about half of its answers
		where r.status <> 'in_progress' or h.skip < 0.5`;
}

/** Hedmark IKT's demo people: one per role, and the sector heads who answered. */
async function demoPeople(sql: Sql, collaborationId: string): Promise<DemoLogin[]> {
	const passwordHash = await hashPassword(DEMO_PASSWORD);
	const [hamar] = await sql<{ id: string }[]>`select id from municipality where country = 'NO' and national_number = '3403'`;
	const people: { email: string; name: string; role: string; municipality: string | null; sector: string | null }[] = [
		{ email: 'plattform@demo.moden.no', name: 'Plattformdrift', role: 'platform_admin', municipality: null, sector: null },
		{ email: 'admin@demo.moden.no', name: 'Ingrid Admin (Hedmark IKT)', role: 'collaboration_admin', municipality: null, sector: null },
		{ email: 'styret@demo.moden.no', name: 'Per Styreleder', role: 'board_viewer', municipality: null, sector: null },
		{ email: 'koordinator@demo.moden.no', name: 'Kari Koordinator (Hamar)', role: 'coordinator', municipality: hamar!.id, sector: null },
		{ email: 'radmann@demo.moden.no', name: 'Ragnhild Rådmann (Hamar)', role: 'executive_viewer', municipality: hamar!.id, sector: null }
	];
	for (const p of people) {
		const [user] = await sql<
			{ id: string }[]
		>`insert into app_user (email, name, password_hash, locale) values (${p.email}, ${p.name}, ${passwordHash}, 'nb') returning id`;
		await sql`insert into role_grant (user_id, role, collaboration_id, municipality_id, sector_id)
			values (${user!.id}, ${p.role}, ${p.role === 'platform_admin' ? null : collaborationId}, ${p.municipality}, ${p.sector})`;
	}
	// The sector heads who answer in Hedmark IKT: three per assessment, named by place; they sign in only by invitation.
	await sql`
		with heads as (
			select ${headEmail(sql, sql`m.name`, sql`s.key`, sql`k`)} as email, m.name || ', ' || s.name_nb || ' ' || k as name,
				m.id as municipality_id, s.id as sector_id
			from membership ms join municipality m on m.id = ms.municipality_id
			join sector s on s.collaboration_id = ms.collaboration_id
			cross join generate_series(1, 3) k
			where ms.collaboration_id = ${collaborationId}
		), users as (
			insert into app_user (email, name) select email, name from heads returning id, email
		)
		insert into role_grant (user_id, role, collaboration_id, municipality_id, sector_id)
		select u.id, 'respondent', ${collaborationId}, h.municipality_id, h.sector_id from users u join heads h using (email)`;
	// The demo respondent is one of them: Hamar's first head of health and care, with a password.
	await sql`update app_user set password_hash = ${passwordHash}, locale = 'nb' where email = ${DEMO_RESPONDENT}`;
	return [...people.map((p) => ({ role: p.role, email: p.email })), { role: 'respondent', email: DEMO_RESPONDENT }];
}
