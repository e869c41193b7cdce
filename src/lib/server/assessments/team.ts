import type { Sql } from 'postgres';
import { audit } from '../audit';
import { can } from '../auth/access';
import type { Team } from '../disclosure/respondents';
import { assessmentContext, type Person } from './response-lifecycle';

/**
 * Whether those who answer an assessment together see each other's answers: a
 * coordinator's choice, shown to the respondents before they answer (docs/privacy.md).
 * Answers given in confidence stay so: an assessment opens to its team only while nobody
 * has answered it; making it confidential is always possible.
 */
export class TeamError extends Error {
	constructor(readonly reason: 'not_found' | 'forbidden' | 'answered' | 'round_closed') {
		super(reason);
	}
}

export async function setTeam(sql: Sql, person: Person, collaborationId: string, assessmentId: string, team: Team): Promise<void> {
	await sql.begin(async (tx) => {
		const context = await assessmentContext(tx, assessmentId);
		if (!context || context.collaborationId !== collaborationId) throw new TeamError('not_found');
		if (!can(person.grants, 'municipality.coordinate', context)) throw new TeamError('forbidden');
		if (context.state === 'closed') throw new TeamError('round_closed');
		if (context.team === team) return;
		await tx`select 1 from assessment where id = ${assessmentId} for update`;
		if (team === 'open') {
			const [answered] = await tx`select 1 from response r join answer x on x.response_id = r.id where r.assessment_id = ${assessmentId} limit 1`;
			if (answered) throw new TeamError('answered');
		}
		await tx`update assessment set team = ${team} where id = ${assessmentId}`;
		await audit(tx, {
			action: 'assessment.team_set',
			actorId: person.id,
			collaborationId,
			subjectType: 'assessment',
			subjectId: assessmentId,
			detail: { team }
		});
	});
}
