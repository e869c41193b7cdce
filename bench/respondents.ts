import { hashPassword } from '../src/lib/server/auth/password';
import { issueToken } from '../src/lib/server/auth/token';
import { connect } from '../src/lib/server/db/index';
import { DEMO_PASSWORD } from '../src/lib/server/demo/load';
import { HEDMARK } from '../src/lib/server/demo/plan';
import { refreshAssessmentScores } from '../src/lib/server/results/scores';

/**
 * The people the bench signs in as, made ready in the bench database on every run:
 * Hedmark IKT's admin for the dashboards, and `count` of its sector heads, each with an
 * open (not submitted) response in the collaboration's newest round, for the save path.
 * Heads get the demo password; a head whose response was submitted has it reopened (the
 * scores of its assessment follow); the round is kept open whatever today's date is.
 */
export interface BenchItem {
	key: string;
	revision: number;
	level: number | null;
}

export interface BenchRespondent {
	email: string;
	assessmentId: string;
	dimension: string;
	items: BenchItem[];
}

export interface BenchPeople {
	password: string;
	admin: string;
	collaborationId: string;
	/** Hamar, the member whose dashboard the bench reads */
	municipalityId: string;
	respondents: BenchRespondent[];
	/** a read-API token of the collaboration, made afresh on every run */
	apiToken: string;
}

export const ADMIN = 'admin@demo.moden.no';

export async function preparePeople(url: string, count: number): Promise<BenchPeople> {
	const sql = connect(url, { max: 1 });
	try {
		return await sql.begin(async (tx) => {
			const [round] = await tx<{ id: string; year: number; collaborationId: string; versionId: string; hamar: string }[]>`
				select r.id, r.year, r.collaboration_id as "collaborationId", r.questionnaire_version_id as "versionId",
					(select id from municipality where country = 'NO' and national_number = '3403') as hamar
				from round r join collaboration c on c.id = r.collaboration_id
				where c.name = ${HEDMARK} order by r.year desc limit 1`;
			if (!round) throw new Error(`No round of ${HEDMARK} in the bench database.`);
			await tx`update round set opens_on = least(opens_on, current_date - 1), closes_on = greatest(closes_on, current_date + 30), closed_at = null
				where id = ${round.id}`;
			const heads = await tx<{ userId: string; email: string; assessmentId: string; responseId: string | null; submitted: boolean }[]>`
				select u.id as "userId", u.email, a.id as "assessmentId", r.id as "responseId", coalesce(r.status = 'submitted', false) as submitted
				from role_grant g
				join app_user u on u.id = g.user_id
				join assessment a on a.round_id = ${round.id} and a.municipality_id = g.municipality_id and a.sector_id = g.sector_id
				left join response r on r.assessment_id = a.id and r.respondent_id = u.id
				where g.role = 'respondent' and g.collaboration_id = ${round.collaborationId}
				order by coalesce(r.status = 'submitted', false), u.email
				limit ${count}`;
			if (heads.length < count) throw new Error(`Only ${heads.length} respondents in ${HEDMARK}'s newest round; the bench needs ${count}.`);

			const passwordHash = await hashPassword(DEMO_PASSWORD);
			const users = heads.map((h) => h.userId);
			await tx`update app_user set password_hash = ${passwordHash}, locale = 'nb', disabled_at = null where id = any(${users}::uuid[])`;
			await tx`delete from user_session where user_id = any(${users}::uuid[]) or user_id = (select id from app_user where email = ${ADMIN})`;
			const reopened = heads.filter((h) => h.submitted);
			if (reopened.length > 0) {
				await tx`update response set status = 'in_progress', submitted_at = null where id = any(${reopened.map((h) => h.responseId!)}::uuid[])`;
				await tx`update assessment set status = 'in_progress' where id = any(${reopened.map((h) => h.assessmentId)}::uuid[])`;
				for (const h of reopened) await refreshAssessmentScores(tx, h.assessmentId);
			}

			// Each head saves the items of the instrument's first dimension, in turn.
			const items = await tx<{ key: string; dimension: string }[]>`
				select key, dimension from questionnaire_item where questionnaire_version_id = ${round.versionId} order by position`;
			const dimension = items[0]!.dimension;
			const keys = items.filter((i) => i.dimension === dimension).map((i) => i.key);
			const stored = await tx<{ responseId: string; key: string; revision: number; level: number | null }[]>`
				select response_id as "responseId", item_key as key, revision, level from answer
				where response_id = any(${heads.flatMap((h) => (h.responseId ? [h.responseId] : []))}::uuid[]) and item_key = any(${keys})`;
			const respondents = heads.map((h) => ({
				email: h.email,
				assessmentId: h.assessmentId,
				dimension,
				items: keys.map((key) => {
					const answer = stored.find((s) => s.responseId === h.responseId && s.key === key);
					return { key, revision: answer?.revision ?? 0, level: answer?.level ?? null };
				})
			}));
			await tx`delete from api_token where collaboration_id = ${round.collaborationId} and name = 'bench'`;
			const { id, secretHash, token } = issueToken();
			await tx`insert into api_token (id, collaboration_id, name, secret_hash) values (${id}, ${round.collaborationId}, 'bench', ${secretHash})`;
			return { password: DEMO_PASSWORD, admin: ADMIN, collaborationId: round.collaborationId, municipalityId: round.hamar, respondents, apiToken: token };
		});
	} finally {
		await sql.end();
	}
}
