import { describe, expect, it } from 'vitest';
import { connect, type Sql } from '../../src/lib/server/db/index';
import { migrate } from '../../src/lib/server/db/migrate';
import { currentPublication } from '../../src/lib/server/benchmarks/publications';
import { isEmpty, loadDemo, NotEmptyError } from '../../src/lib/server/demo/load';
import { publishFromDirectory } from '../../src/lib/server/questionnaires/publish';
import { createEmptyDatabase, dropDatabase } from './database';

/** The demo generator is deterministic, fills the dashboards' caches, and never writes into a used database. */
describe('demo data', () => {
	const now = new Date('2026-11-23T12:00:00Z');

	async function loaded(name: string): Promise<Sql> {
		const sql = connect(await createEmptyDatabase(name), { max: 2 });
		await migrate(sql, 'migrations');
		await publishFromDirectory(sql, 'questionnaires', () => {});
		await loadDemo(sql, { scale: 'tenth', seed: 7, now, rounds: 3 });
		return sql;
	}

	/** Everything generated, by stable names (ids are random), as one digest. */
	const digest = async (sql: Sql) =>
		(
			await sql<{ digest: string; answers: number }[]>`
				select md5(string_agg(line, ',' order by line)) as digest, count(*)::int as answers
				from (select concat_ws('|', c.name, m.national_number, s.key, r.year, row_n, x.item_key, x.kind, x.level) as line
				from (
					select x.*, row_number() over (partition by p.assessment_id, x.item_key order by p.started_at) as row_n, p.assessment_id
					from answer x join response p on p.id = x.response_id
				) x
				join assessment a on a.id = x.assessment_id join round r on r.id = a.round_id
				join collaboration c on c.id = a.collaboration_id join municipality m on m.id = a.municipality_id join sector s on s.id = a.sector_id) lines`
		)[0]!;

	it('gives the same platform for the same seed, with scores, peers and demo people', async () => {
		const names = [`moden_test_demo_a_${process.pid}`, `moden_test_demo_b_${process.pid}`];
		const first = await loaded(names[0]!);
		const second = await loaded(names[1]!);
		try {
			const [a, b] = [await digest(first), await digest(second)];
			expect(a.answers).toBeGreaterThan(10_000);
			expect(a).toEqual(b);
			const { rounds, open, scored } = (
				await first<{ rounds: number; open: number; scored: number }[]>`
				select (select count(distinct year)::int from round) as rounds,
					(select count(*)::int from round where closes_on >= '2026-11-23' and opens_on <= '2026-11-23') as open,
					(select count(*)::int from assessment_score where score is not null) as scored`
			)[0]!;
			const [last] = await first<{ year: number; versionId: string }[]>`
				select year, questionnaire_version_id as "versionId" from round where closes_on < '2026-11-23' order by year desc limit 1`;
			const publication = await currentPublication(first, last!.year, last!.versionId);
			const [{ peers } = { peers: 0 }] = await first<
				{ peers: number }[]
			>`select count(*)::int as peers from peer_statistic where publication_id = ${publication!.id}`;
			expect({ rounds, open: open > 0, scored: scored > 0, peers: peers > 0 }).toEqual({ rounds: 3, open: true, scored: true, peers: true });
			const hamar = await first<{ year: number; score: number }[]>`
				select r.year, avg(s.score)::float8 as score from assessment_score s join assessment a on a.id = s.assessment_id
				join round r on r.id = a.round_id join municipality m on m.id = a.municipality_id
				where m.national_number = '3403' group by r.year order by r.year`;
			// Hamar improves steadily: every year above the one before.
			for (let i = 1; i < hamar.length; i++) expect(hamar[i]!.score).toBeGreaterThan(hamar[i - 1]!.score);
			// Värmland runs the digital services checklist: rounds under it, answers of every kind, scores.
			const checklist = (
				await first<{ rounds: number; kinds: string[]; scored: number }[]>`
				select count(distinct r.id)::int as rounds, array_agg(distinct x.kind order by x.kind) as kinds,
					(select count(*)::int from assessment_score s join assessment a2 on a2.id = s.assessment_id join round r2 on r2.id = a2.round_id
						join questionnaire_version v2 on v2.id = r2.questionnaire_version_id join questionnaire q2 on q2.id = v2.questionnaire_id
						where q2.slug = 'digital-services' and s.score is not null) as scored
				from round r join questionnaire_version v on v.id = r.questionnaire_version_id join questionnaire q on q.id = v.questionnaire_id
				join collaboration c on c.id = r.collaboration_id
				join assessment a on a.round_id = r.id join response p on p.assessment_id = a.id join answer x on x.response_id = p.id
				where q.slug = 'digital-services' and c.name = 'Värmlands e-samverkan'`
			)[0]!;
			expect(checklist.rounds).toBe(2);
			expect(checklist.kinds).toEqual(expect.arrayContaining(['amount', 'level', 'ticked']));
			expect(checklist.scored).toBeGreaterThan(0);
			// Initiatives across the years, the same for the same seed: done ones after the older rounds, last year's under way or overdue.
			const initiatives = (sql: Sql) =>
				sql<{ year: number; scope: string; status: string; n: number; events: number; overdue: number }[]>`
					select extract(year from i.created_at)::int as year, i.scope, i.status, count(*)::int as n,
						sum((select count(*) from initiative_event e where e.initiative_id = i.id))::int as events,
						count(*) filter (where i.due_on < '2026-11-23' and i.status in ('planned', 'in_progress'))::int as overdue
					from initiative i group by 1, 2, 3 order by 1, 2, 3`;
			const plans = await initiatives(first);
			expect(plans).toEqual(await initiatives(second));
			expect(new Set(plans.map((p) => p.status))).toEqual(new Set(['planned', 'in_progress', 'done', 'dropped']));
			expect(new Set(plans.map((p) => p.scope))).toEqual(new Set(['sector', 'municipality', 'collaboration']));
			expect(plans.filter((p) => p.year === 2025 && p.scope === 'sector').reduce((n, p) => n + p.overdue, 0)).toBeGreaterThan(0);
			expect(await isEmpty(first)).toBe(false);
			await expect(loadDemo(first, { scale: 'tenth', now })).rejects.toBeInstanceOf(NotEmptyError);
		} finally {
			await first.end();
			await second.end();
			for (const name of names) await dropDatabase(name);
		}
	}, 120_000);
});
