import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { submitResponse, type Person } from '../../src/lib/server/assessments/response-lifecycle';
import type { Grant } from '../../src/lib/server/auth/access';
import type { SessionUser } from '../../src/lib/server/auth/session';
import { readConfig } from '../../src/lib/server/config';
import { closeDatabase, connect, openDatabase, type Sql } from '../../src/lib/server/db/index';
import { migrate } from '../../src/lib/server/db/migrate';
import { loadDemo } from '../../src/lib/server/demo/load';
import { isSensitive } from '../../src/lib/server/disclosure/decide';
import { policyOf, type HiddenReason } from '../../src/lib/server/disclosure/policy';
import { publishFromDirectory } from '../../src/lib/server/questionnaires/publish';
import { load as collaborationPage } from '../../src/routes/collaborations/[collaborationId=uuid]/results/+page.server';
import { GET as exportRound } from '../../src/routes/collaborations/[collaborationId=uuid]/results/export/+server';
import { load as municipalityPage } from '../../src/routes/collaborations/[collaborationId=uuid]/results/municipalities/[municipalityId=uuid]/+page.server';
import type { collaborationView, municipalityView } from '../../src/lib/server/results/pages';
import { attack, type Fact, type Secret } from '../disclosure/attacker';

/** The page data the attacker reads (as the route loads return it). */
interface CollaborationPage {
	view:
		| (Omit<Awaited<ReturnType<typeof collaborationView>>, 'rows'> & {
				rows: (Awaited<ReturnType<typeof collaborationView>>['rows'][number] & { open: boolean })[];
		  })
		| null;
}
interface MunicipalityPage {
	view: Awaited<ReturnType<typeof municipalityView>> | null;
}
import { createEmptyDatabase, dropDatabase, first } from './database';

/**
 * The attacker suite on the demo platform, through the pages themselves: each role's
 * page data and exports are what the attacker has. Every peer number shown (a mean with
 * its n) becomes a linear fact; the attacker knows their own collaboration's members and
 * who sits in which group, and must not narrow any other municipality's score, or a group
 * hidden for its own sake, below the protection width (docs/privacy.md). Then one day
 * later, after one more submit, the same again over both publications.
 */
describe('an attacker with every page and export of the demo platform', () => {
	const name = `moden_test_attack_${process.pid}`;
	let sql: Sql;
	let hedmark: string;
	const policy = policyOf();

	beforeAll(async () => {
		const url = await createEmptyDatabase(name);
		sql = connect(url, { max: 4 });
		await migrate(sql, 'migrations');
		await publishFromDirectory(sql, 'questionnaires', () => {});
		await loadDemo(sql, { scale: 'demo', now: new Date() });
		await openDatabase({ ...readConfig(), DATABASE_URL: url });
		({ id: hedmark } = await first(sql<{ id: string }[]>`select id from collaboration where name = 'Hedmark IKT'`));
	}, 120_000);
	afterAll(async () => {
		await closeDatabase();
		await sql.end();
		await dropDatabase(name);
	});

	/** A person holding the role there: the demo's own, or (in the other collaborations, which have no people) a new one. */
	async function personWith(role: string, collaborationId: string): Promise<SessionUser> {
		const [found] = await sql<{ userId: string }[]>`
			select user_id as "userId" from role_grant where role = ${role} and collaboration_id = ${collaborationId} order by user_id limit 1`;
		const userId =
			found?.userId ??
			(
				await first(sql<{ id: string }[]>`
				with u as (insert into app_user (email) values (${`${role}.${collaborationId}@attack.test`}) returning id)
				insert into role_grant (user_id, role, collaboration_id) select id, ${role}, ${collaborationId} from u returning user_id as id`)
			).id;
		const grants = await sql<Grant[]>`
			select role, collaboration_id as "collaborationId", municipality_id as "municipalityId", sector_id as "sectorId" from role_grant where user_id = ${userId}`;
		return { id: userId, email: '', name: '', locale: 'nb', grants };
	}

	const event = (user: SessionUser, path: string, params: Record<string, string>) =>
		({ params, url: new URL(`http://localhost${path}`), locals: { user, locale: 'nb', session: null } }) as never;

	/** Everything one person sees of one year: the collaboration page, each municipality page they may open, the scores export. */
	async function seen(user: SessionUser, collaborationId: string, year: number) {
		const base = `/collaborations/${collaborationId}/results`;
		const collaboration = (await collaborationPage(event(user, `${base}?year=${year}`, { collaborationId }))) as unknown as CollaborationPage;
		const municipalities = collaboration.view!.rows.filter((r) => r.open).map((r) => r.municipalityId!);
		const pages: MunicipalityPage[] = [];
		for (const municipalityId of municipalities) {
			pages.push(
				(await municipalityPage(
					event(user, `${base}/municipalities/${municipalityId}?year=${year}`, { collaborationId, municipalityId })
				)) as unknown as MunicipalityPage
			);
		}
		const csv = await (await exportRound(event(user, `${base}/export?year=${year}&format=csv&sheet=scores`, { collaborationId }))).text();
		return { collaboration, pages, csv };
	}

	/** The peer cells a page showed and hid, as facts and secrets over the publication's units. */
	async function factsOf(pages: MunicipalityPage[], known: Set<string>) {
		const facts: Fact[] = [];
		const secrets: Secret[] = [];
		const variables = new Map<string, { lower: number; upper: number }>();
		const seenCells = new Set<string>();
		for (const page of pages) {
			const publication = page.view?.publication;
			if (!publication) continue;
			const units = await sql<{ municipalityId: string; dimension: string; country: string; sizeClass: string | null; score: number }[]>`
				select municipality_id as "municipalityId", dimension, country, size_class as "sizeClass", score::float8 as score
				from peer_unit where publication_id = ${publication.id} and sector_key = ''`;
			const cells = [
				...page.view!.peers.cells.map((c) => ({
					...c,
					members: units.filter((u) => u.sizeClass === c.sizeClass && u.dimension === c.dimension && u.country === 'NO')
				})),
				...page.view!.peers.totals.map((c) => ({ ...c, members: units.filter((u) => u.dimension === c.dimension && u.country === 'NO') }))
			];
			for (const cell of cells) {
				const id = `${publication.id}:${cell.members
					.map((m) => m.municipalityId)
					.sort()
					.join()}:${cell.dimension}`;
				if (seenCells.has(id)) continue;
				seenCells.add(id);
				const unknown = cell.members.filter((m) => !known.has(m.municipalityId));
				const variable = (m: (typeof units)[number]) => `${m.dimension}:${m.municipalityId}@${m.score}`;
				for (const m of unknown) {
					variables.set(variable(m), { lower: 0, upper: 100 });
					secrets.push({ label: `${m.municipalityId} ${m.dimension}`, variables: [variable(m)], truth: m.score, members: [m.score] });
				}
				if (cell.hidden) {
					if (isSensitive(cell.hidden as HiddenReason) && unknown.length > 0) {
						secrets.push({
							label: `hidden ${id}`,
							variables: unknown.map(variable),
							truth: unknown.reduce((s, m) => s + m.score, 0) / unknown.length,
							members: unknown.map((m) => m.score)
						});
					}
					continue;
				}
				expect(cell.mean).not.toBeNull();
				expect(cell.organisations).toBe(cell.members.length);
				const sum = cell.organisations! * cell.mean! - cell.members.filter((m) => known.has(m.municipalityId)).reduce((s, m) => s + m.score, 0);
				// The page shows the mean with one decimal (the rounding rule moves it by at most 0.1): the sum is known to ±0.1·n.
				const slack = 0.1 * cell.organisations! + 1e-6;
				facts.push({ terms: unknown.map((m) => ({ variable: variable(m), coefficient: 1 })), low: sum - slack, high: sum + slack });
			}
		}
		return { problem: { variables, facts }, secrets };
	}

	async function knownTo(user: SessionUser) {
		const ids = [...new Set(user.grants.flatMap((g) => (g.collaborationId ? [g.collaborationId] : [])))];
		return new Set((await sql<{ id: string }[]>`select municipality_id as id from membership where collaboration_id = any(${ids}::uuid[])`).map((r) => r.id));
	}

	it('learns no other municipality’s score and no hidden group’s, whichever role, year after year', async () => {
		const years = (await sql<{ year: number }[]>`select year from round where collaboration_id = ${hedmark} order by year`).map((r) => r.year);
		const { id: other } = await first(sql<{ id: string }[]>`select id from collaboration where name <> 'Hedmark IKT' and country = 'NO' order by name limit 1`);
		let hidden = 0;
		for (const [role, collaborationId] of [
			['collaboration_admin', hedmark],
			['board_viewer', hedmark],
			['coordinator', hedmark],
			['executive_viewer', hedmark],
			['collaboration_admin', other]
		] as const) {
			const user = await personWith(role, collaborationId);
			const known = await knownTo(user);
			const pages = [];
			for (const year of years) {
				const view = await seen(user, collaborationId, year);
				pages.push(...view.pages);
				hidden += view.pages.flatMap((p) => [...(p.view?.peers.cells ?? []), ...(p.view?.peers.totals ?? [])]).filter((c) => c.hidden).length;
			}
			const { problem, secrets } = await factsOf(pages, known);
			// The board reads the collaboration's pages, not a municipality's with its peer groups.
			expect(secrets.length > 0, role).toBe(role !== 'board_viewer');
			expect(await attack(problem, secrets, policy.width), `${role} of ${collaborationId === hedmark ? 'Hedmark IKT' : 'another collaboration'}`).toEqual([]);
		}
		expect(hidden).toBeGreaterThan(0);
	}, 240_000);

	it('shows a member without naming only itself by name, in the pages and the export', async () => {
		await sql`update collaboration set members_see_names = false where id = ${hedmark}`;
		const user = await personWith('executive_viewer', hedmark);
		const own = user.grants.find((g) => g.role === 'executive_viewer')!.municipalityId!;
		const others = await sql<{ name: string; number: string }[]>`
			select m.name, m.national_number as number from membership ms join municipality m on m.id = ms.municipality_id
			where ms.collaboration_id = ${hedmark} and m.id <> ${own}`;
		const year = (await first(sql<{ year: number }[]>`select max(year) as year from round where collaboration_id = ${hedmark} and closes_on < current_date`))
			.year;
		const { collaboration, pages, csv } = await seen(user, hedmark, year);
		const text = JSON.stringify([collaboration, pages]);
		for (const m of others) {
			expect(text, m.name).not.toContain(`"${m.name}"`);
			expect(csv, m.number).not.toContain(m.number);
		}
		// Where the distribution is withheld, no anonymous row carries a score of that dimension either.
		collaboration.view!.distribution.forEach((d, i) => {
			if (d.quartiles === null) for (const row of collaboration.view!.rows.filter((r) => !r.own)) expect(row.scores[i]!.score).toBeNull();
		});
	});

	it('learns nothing from comparing the page before and after one submit, the next day', async () => {
		const year = (await first(sql<{ year: number }[]>`select max(year) as year from round where collaboration_id = ${hedmark}`)).year;
		const user = await personWith('collaboration_admin', hedmark);
		const before = await seen(user, hedmark, year);
		// One more assessment is submitted somewhere on the platform, and a day passes.
		const { assessmentId, respondentId } = await first(sql<{ assessmentId: string; respondentId: string }[]>`
			select r.assessment_id as "assessmentId", r.respondent_id as "respondentId" from response r join assessment a on a.id = r.assessment_id
			join round ro on ro.id = a.round_id where ro.year = ${year} and r.status = 'in_progress' and r.respondent_id is not null
			and exists (select 1 from answer x where x.response_id = r.id and x.kind is not null) order by r.id limit 1`);
		const grants = await sql<Grant[]>`
			select role, collaboration_id as "collaborationId", municipality_id as "municipalityId", sector_id as "sectorId" from role_grant where user_id = ${respondentId}`;
		await submitResponse(sql, { id: respondentId, grants } satisfies Person, assessmentId);
		await sql`update round_snapshot set taken_at = taken_at - interval '1 day'`;
		await sql`update peer_publication set published_at = published_at - interval '1 day'`;
		const after = await seen(user, hedmark, year);
		const publications = new Set([...before.pages, ...after.pages].map((p) => p.view?.publication?.id));
		expect(publications.size).toBe(2);
		const { problem, secrets } = await factsOf([...before.pages, ...after.pages], await knownTo(user));
		expect(await attack(problem, secrets, policy.width)).toEqual([]);
	}, 60_000);
});
