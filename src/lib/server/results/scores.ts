import { roundState } from '../calendar';
import type { Db } from '../db/index';

/**
 * The score caches, computed in SQL from the stored answers (the database does the
 * grouping) by the rules of BRIEF §5 that the pure module `scoring/score.ts` also
 * implements; an integration test holds the two to the same numbers.
 *
 * Called in the transaction that submits or reopens a response, so a snapshot never
 * holds a score that disagrees with the submitted answers.
 */

/** Rewrites the assessment's dimension scores from its submitted responses (none: no rows). */
export async function refreshAssessmentScores(tx: Db, assessmentId: string): Promise<void> {
	await tx`delete from assessment_score where assessment_id = ${assessmentId}`;
	await insertScores(tx, tx`a.id = ${assessmentId}`);
}

/** The same for every assessment of the rounds of a year, platform-wide, at once (demo data, restores). */
export async function refreshYearScores(tx: Db, year: number): Promise<void> {
	const rounds = tx`select id from round where year = ${year}::int`;
	await tx`delete from assessment_score s using assessment a where a.id = s.assessment_id and a.round_id in (${rounds})`;
	await insertScores(tx, tx`a.round_id in (${rounds})`);
	await tx`update round set scores_changed_at = clock_timestamp() where id in (${rounds})`;
}

/**
 * The scores of every assessment in the collaboration's rounds not yet closed, at once:
 * after the collaboration changed which assessments count (only approved ones, or all).
 */
export async function refreshOpenRoundScores(tx: Db, collaborationId: string): Promise<void> {
	const rounds = tx`select r.id from round r where r.collaboration_id = ${collaborationId} and ${roundState(tx)} <> 'closed'`;
	await tx`delete from assessment_score s using assessment a where a.id = s.assessment_id and a.round_id in (${rounds})`;
	await insertScores(tx, tx`a.round_id in (${rounds})`);
	await tx`update round set scores_changed_at = clock_timestamp() where id in (${rounds})`;
}

/**
 * One statement for the assessments that `which` selects (alias a): set-based, so a whole
 * year costs one pass. Written as plain joins, each CTE used once, so the planner sees
 * real row counts and hash-joins instead of looping.
 */
async function insertScores(tx: Db, which: ReturnType<Db>) {
	await tx`
		with rules as materialized (
			-- each version's coverage, read once: the definition is large
			select id, (definition -> 'scoring' ->> 'coverage')::numeric as coverage
			from questionnaire_version
		),
		pooled as (
			-- each item of each assessment over its submitted respondents: the mean score of the answers given
			-- (answer.value: the score of the answer by its item's scale, scoring/items.ts, kept by migration 014's trigger)
			select a.id as assessment_id, i.dimension, i.key, i.weight,
				avg(x.value) as mean,
				count(*) filter (where x.kind = 'dont_know') as dont_know,
				count(x.kind) as answers
			from assessment a
			join round ro on ro.id = a.round_id
			join rules v on v.id = ro.questionnaire_version_id
			join questionnaire_item i on i.questionnaire_version_id = ro.questionnaire_version_id
			left join (response r join answer x on x.response_id = r.id and x.kind is not null)
				on r.assessment_id = a.id and r.status = 'submitted' and x.item_key = i.key
			where ${which} and exists (select 1 from response s where s.assessment_id = a.id and s.status = 'submitted')
				-- where the collaboration counts only approved assessments, the others have no scores
				and (a.signoff = 'approved' or not (select results_only_approved from collaboration c where c.id = a.collaboration_id))
			group by a.id, i.dimension, i.key, i.weight
		),
		own as (
			-- each submitted respondent's own score per dimension: the same weighted mean over the items they chose a level for
			select a.id as assessment_id, i.dimension, r.id as response_id, sum(i.weight * x.value) / sum(i.weight) as score
			from assessment a
			join round ro on ro.id = a.round_id
			join response r on r.assessment_id = a.id and r.status = 'submitted'
			join answer x on x.response_id = r.id and x.value is not null
			join questionnaire_item i on i.questionnaire_version_id = ro.questionnaire_version_id and i.key = x.item_key
			where ${which}
			group by a.id, i.dimension, r.id
		),
		spread as (
			select assessment_id, dimension, count(*)::int as respondents_scored, stddev_samp(score) as respondent_sd
			from own group by assessment_id, dimension
		),
		dimensions as (
			-- weights normalised over the answered items of the dimension
			select assessment_id, dimension,
				sum(weight * mean) filter (where mean is not null) / nullif(sum(weight) filter (where mean is not null), 0) as weighted,
				coalesce(sum(weight) filter (where mean is not null), 0) / sum(weight) as coverage,
				count(*) filter (where mean is not null)::int as answered_items,
				count(*)::int as total_items,
				sum(dont_know)::int as dont_know,
				sum(answers)::int as answers
			from pooled group by assessment_id, dimension
		)
		insert into assessment_score (assessment_id, collaboration_id, dimension, score, coverage, answered_items, total_items, dont_know, answers, respondents,
			respondents_scored, respondent_sd)
		select d.assessment_id, a.collaboration_id, d.dimension,
			-- published only with enough of the weight answered (the same tolerance as the pure module)
			case when d.answered_items > 0 and d.coverage + 1e-9 >= v.coverage then d.weighted end,
			d.coverage, d.answered_items, d.total_items, d.dont_know, d.answers,
			(select count(*)::int from response r where r.assessment_id = a.id and r.status = 'submitted'),
			coalesce(sp.respondents_scored, 0), sp.respondent_sd
		from dimensions d
		join assessment a on a.id = d.assessment_id
		join round ro on ro.id = a.round_id
		join rules v on v.id = ro.questionnaire_version_id
		left join spread sp on sp.assessment_id = d.assessment_id and sp.dimension = d.dimension`;
}

/**
 * After a response was submitted or reopened: the assessment's scores, and the mark on its
 * round that the next snapshot is due (results/snapshots.ts). Nothing platform-wide is
 * recomputed here: benchmarks are published from snapshots, so a submit costs the same
 * however large the platform is.
 */
export async function refreshScores(tx: Db, assessmentId: string): Promise<void> {
	await refreshAssessmentScores(tx, assessmentId);
	await tx`update round set scores_changed_at = clock_timestamp() where id = (select round_id from assessment where id = ${assessmentId})`;
}
