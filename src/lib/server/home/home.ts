import type { Sql } from 'postgres';
import type { Locale } from '../../i18n';
import { abilitiesFor, collaborationIdsOf, filterOf, isPlatformAdmin, some } from '../auth/access';
import type { SessionUser } from '../auth/session';
import { roundCompletion } from '../assessments/completion';
import { myAssessments, type AssessmentSummary } from '../assessments/listing';
import { listRounds, type Round } from '../assessments/rounds';
import { reopenReasons, signoffsOf, type SignoffState } from '../assessments/signoff';
import { listCollaborations, type Collaboration } from '../collaborations/collaborations';
import { currentMembers, membersWithoutCoordinator } from '../collaborations/municipalities';
import { headlineOf, type Headline } from '../results/headline';
import { resultsReader } from '../results/reader';
import { collaborationTrend, municipalityTrend } from '../results/trends';
import { collaborationView, municipalityView } from '../results/pages';
import { completionSummary, type CompletionSummary } from './summaries';

/**
 * The signed-in home: each role's next task, for every collaboration the person has a
 * role in. A sector head sees their open assessments; a coordinator the open round's
 * completion and what needs them; leaders and the board their latest results with a
 * headline; an admin the rounds' state and the people still to invite. Every number
 * comes from the module that owns it (completion, results views through the disclosure
 * module); access is decided by the abilities of the access module.
 */
export interface AnswerTask extends AssessmentSummary {
	signoff: SignoffState | null;
	/** why the person's response was reopened, while it is */
	reopenReason: string | null;
}

export interface CoordinationTask {
	collaborationId: string;
	collaboration: string;
	round: Pick<Round, 'id' | 'year' | 'opensOn' | 'closesOn' | 'state'>;
	summary: CompletionSummary;
}

export interface ResultsTask {
	collaborationId: string;
	collaboration: string;
	/** null: the collaboration as a whole (the board, the admins) */
	municipalityId: string | null;
	name: string;
	year: number | null;
	provisional: boolean;
	headline: Headline | null;
}

export interface AdminTask {
	collaborationId: string;
	collaboration: string;
	/** the newest round, and one not yet open after it */
	latest: Pick<Round, 'id' | 'year' | 'opensOn' | 'closesOn' | 'state' | 'assessments' | 'submitted'> | null;
	/** current members without a coordinator */
	withoutCoordinator: { id: string; name: string }[];
}

export interface Home {
	answer: AnswerTask[];
	coordinate: CoordinationTask[];
	results: ResultsTask[];
	admin: AdminTask[];
	platformAdmin: boolean;
}

export async function homeFor(sql: Sql, user: SessionUser, locale: Locale): Promise<Home> {
	const collaborations = await listCollaborations(sql, collaborationIdsOf(user.grants));
	const [answer, perCollaboration] = await Promise.all([
		answerTasks(sql, user, locale),
		Promise.all(collaborations.map((c) => collaborationTasks(sql, user, c, locale)))
	]);
	return {
		answer,
		coordinate: perCollaboration.flatMap((c) => c.coordinate),
		results: perCollaboration.flatMap((c) => c.results),
		admin: perCollaboration.flatMap((c) => c.admin),
		platformAdmin: isPlatformAdmin(user.grants)
	};
}

/** The person's assessments in rounds not closed yet, with any sign-off and reopening reason. */
async function answerTasks(sql: Sql, user: SessionUser, locale: Locale): Promise<AnswerTask[]> {
	if (!user.grants.some((g) => g.role === 'respondent')) return [];
	const open = (await myAssessments(sql, user.id, locale)).filter((a) => a.state !== 'closed');
	const ids = open.map((a) => a.id);
	const [signoffs, reasons] = await Promise.all([signoffsOf(sql, ids), reopenReasons(sql, user.id, ids)]);
	return open.map((a) => ({ ...a, signoff: signoffs.get(a.id) ?? null, reopenReason: reasons.get(a.id) ?? null }));
}

async function collaborationTasks(sql: Sql, user: SessionUser, c: Collaboration, locale: Locale) {
	const abilities = abilitiesFor(user.grants, c.id);
	const here = user.grants.filter((g) => g.collaborationId === c.id);
	const rounds = some(abilities.coordinates) ? await listRounds(sql, c.id) : [];
	// Normally one round is open at a time; should two overlap, each gets its own task.
	const open = rounds.filter((r) => r.state === 'open');

	const coordinate: CoordinationTask[] = [];
	// Coordinators follow their municipalities' assessments in each open round, admins every member's.
	const follow = async (only: string[] | null) => {
		for (const round of open) {
			const rows = await roundCompletion(sql, c.id, round.id, only, locale);
			coordinate.push({ collaborationId: c.id, collaboration: c.name, round: pick(round), summary: completionSummary(rows) });
		}
	};
	if (!abilities.manage && some(abilities.coordinates)) await follow(filterOf(abilities.coordinates));

	const admin: AdminTask[] = [];
	if (abilities.manage) {
		const latest = rounds[0] ?? null;
		admin.push({
			collaborationId: c.id,
			collaboration: c.name,
			latest: latest && { ...pick(latest), assessments: latest.assessments, submitted: latest.submitted },
			withoutCoordinator: await membersWithoutCoordinator(sql, c.id)
		});
		await follow(null);
	}

	// Leaders read their municipality's results, the board the collaboration's.
	const results: ResultsTask[] = [];
	const leads = [...new Set(here.filter((g) => g.role === 'executive_viewer' && g.municipalityId).map((g) => g.municipalityId!))];
	const board = here.some((g) => g.role === 'board_viewer');
	if (leads.length > 0 || board) results.push(...(await resultsTasks(sql, user, c, leads, board, locale)));
	return { coordinate, admin, results };
}

const pick = (r: Round) => ({ id: r.id, year: r.year, opensOn: r.opensOn, closesOn: r.closesOn, state: r.state });

async function resultsTasks(sql: Sql, user: SessionUser, c: Collaboration, leads: string[], board: boolean, locale: Locale): Promise<ResultsTask[]> {
	const { context, viewer, rounds } = await resultsReader(sql, user.grants, c.id, null, locale);
	const year = context?.round.year ?? null;
	const provisional = context ? !context.snapshot.final : false;
	const base = { collaborationId: c.id, collaboration: c.name, year, provisional };
	const tasks: ResultsTask[] = [];
	if (leads.length > 0) {
		const names = new Map((await currentMembers(sql, c.id, leads)).map((m) => [m.id, m.name]));
		for (const municipalityId of leads) {
			if (!names.has(municipalityId)) continue;
			let headline: Headline | null = null;
			if (context) {
				const [view, trend] = await Promise.all([
					municipalityView(sql, context, viewer, municipalityId),
					municipalityTrend(sql, municipalityId, rounds, locale)
				]);
				headline = headlineOf(
					view.dimensions.map((d) => ({ score: d.score, level: d.level, median: d.collaborationHidden ? null : d.collaborationMedian })),
					trend,
					context.round.year
				);
			}
			tasks.push({ ...base, municipalityId, name: names.get(municipalityId)!, headline });
		}
	}
	if (board) {
		let headline: Headline | null = null;
		if (context) {
			const [view, trend] = await Promise.all([collaborationView(sql, context, viewer), collaborationTrend(sql, viewer, rounds, locale)]);
			headline = headlineOf(
				view.distribution.map((d) => ({ score: d.mean.score, level: d.mean.level, median: null })),
				trend,
				context.round.year
			);
		}
		tasks.push({ ...base, municipalityId: null, name: c.name, headline });
	}
	return tasks;
}

/**
 * The open round of a collaboration for its overview page: its dates for everyone with a
 * role there, and its completion over the municipalities the person follows (none: no counts).
 */
export async function openRoundProgress(sql: Sql, grants: SessionUser['grants'], collaborationId: string, locale: Locale) {
	const open = (await listRounds(sql, collaborationId)).find((r) => r.state === 'open');
	if (!open) return null;
	const abilities = abilitiesFor(grants, collaborationId);
	const summary = some(abilities.coordinates)
		? completionSummary(await roundCompletion(sql, collaborationId, open.id, filterOf(abilities.coordinates), locale))
		: null;
	return { round: pick(open), summary, follows: summary !== null };
}
