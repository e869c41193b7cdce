import { reopenResponse, submitResponse, type Person } from '../src/lib/server/assessments/response-lifecycle';
import { saveAnswers } from '../src/lib/server/assessments/save-protocol';
import type { Grant } from '../src/lib/server/auth/access';
import { connect } from '../src/lib/server/db/index';
import type { BenchPeople } from './respondents';

/**
 * What one submit costs, through the app's own `submitResponse`, on a platform: the
 * respondent submits, an admin reopens (not timed), again and again. Issue 17: benchmarks
 * are published from snapshots, so a submit must cost the same however large the
 * platform is (the national platform within 1.2× of the tenth).
 */
export async function submitCost(url: string, people: BenchPeople, times: number): Promise<{ p50: number; samples: number }> {
	const sql = connect(url, { max: 2 });
	try {
		const person = async (email: string): Promise<Person> => {
			const [user] = await sql<{ id: string }[]>`select id from app_user where email = ${email}`;
			const grants = await sql<Grant[]>`
				select role, collaboration_id as "collaborationId", municipality_id as "municipalityId", sector_id as "sectorId" from role_grant where user_id = ${user!.id}`;
			return { id: user!.id, grants };
		};
		const respondent = people.respondents.at(-1)!;
		const [head, admin] = [await person(respondent.email), await person(people.admin)];
		const item = respondent.items[0]!;
		await saveAnswers(sql, head, respondent.assessmentId, [
			{ itemKey: item.key, kind: 'level', level: ((item.level ?? 0) % 5) + 1, naReason: null, comment: null, evidenceUrl: null, baseRevision: item.revision }
		]);
		const timings: number[] = [];
		for (let i = 0; i < times; i++) {
			const started = performance.now();
			await submitResponse(sql, head, respondent.assessmentId);
			timings.push(performance.now() - started);
			const [response] = await sql<{ id: string }[]>`select id from response where assessment_id = ${respondent.assessmentId} and respondent_id = ${head.id}`;
			await reopenResponse(sql, admin, people.collaborationId, response!.id, 'bench: submit cost');
		}
		timings.sort((a, b) => a - b);
		return { p50: timings[Math.floor(timings.length / 2)]!, samples: timings.length };
	} finally {
		await sql.end();
	}
}
