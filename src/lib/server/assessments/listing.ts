import { sectorName } from '../collaborations/sectors';
import type { Locale } from '../../i18n';
import type { Db } from '../db/index';
import { roundState, type RoundState } from '../calendar';

/** What the respondent's list and the answering pages show about an assessment. */
export interface AssessmentSummary {
	id: string;
	collaboration: string;
	municipality: string;
	sector: string;
	year: number;
	closesOn: string;
	state: RoundState;
	versionId: string;
	/** items in the round's questionnaire version */
	items: number;
	/** the person's own response: null before the first answer */
	responseStatus: 'in_progress' | 'submitted' | 'reopened' | null;
	answered: number;
}

const summaryColumns = (sql: Db, locale: Locale) => sql`
	a.id, c.name as collaboration, m.name as municipality, ${sectorName(sql, locale)} as sector, r.year,
	r.closes_on::text as "closesOn", ${roundState(sql)} as state, r.questionnaire_version_id as "versionId",
	(select count(*)::int from questionnaire_item i where i.questionnaire_version_id = r.questionnaire_version_id) as items,
	own.status as "responseStatus",
	coalesce((select count(*)::int from answer x where x.response_id = own.id and x.kind is not null), 0) as answered`;

const summaryJoins = (sql: Db, userId: string) => sql`
	join round r on r.id = a.round_id
	join collaboration c on c.id = a.collaboration_id
	join municipality m on m.id = a.municipality_id
	join sector s on s.id = a.sector_id
	left join response own on own.assessment_id = a.id and own.respondent_id = ${userId}`;

/**
 * The assessments a person is assigned to answer (respondent grants on municipality +
 * sector), in every collaboration: open rounds first, then the newest.
 */
export async function myAssessments(sql: Db, userId: string, locale: Locale): Promise<AssessmentSummary[]> {
	return sql<AssessmentSummary[]>`
		select ${summaryColumns(sql, locale)}
		from assessment a ${summaryJoins(sql, userId)}
		where exists (
			select 1 from role_grant g
			where g.user_id = ${userId} and g.role = 'respondent' and g.collaboration_id = a.collaboration_id
				and g.municipality_id = a.municipality_id and g.sector_id = a.sector_id
		)
		order by (${roundState(sql)}) = 'open' desc, r.year desc, c.name, m.name, s.position`;
}

export async function assessmentSummary(sql: Db, userId: string, assessmentId: string, locale: Locale): Promise<AssessmentSummary | null> {
	const [row] = await sql<AssessmentSummary[]>`
		select ${summaryColumns(sql, locale)} from assessment a ${summaryJoins(sql, userId)} where a.id = ${assessmentId}`;
	return row ?? null;
}
