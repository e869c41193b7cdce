import type { Sql } from 'postgres';
import type { MessageKey } from '../../i18n';
import { audit } from '../audit';
import { roundState, type RoundState } from '../calendar';
import type { Db } from '../db/index';
import { completeText } from '../questionnaires/languages';
import type { LocalisedText } from '../questionnaires/schema';

type TitleRow = { title: { text: Record<string, string>; languages: unknown; fallback: unknown } };
const withTitle = <T extends TitleRow>(row: T): Omit<T, 'title'> & { title: LocalisedText } => ({ ...row, title: completeText(row.title.text, row.title) });

/**
 * Rounds: one measurement window of a collaboration (BRIEF §3). Opening a round creates
 * one assessment per participating municipality × sector; closing it refuses answers.
 *
 * A round is open from its opening date through its closing date in its collaboration's
 * time zone (calendar.ts), unless an admin closed it early.
 */
export interface Round {
	id: string;
	year: number;
	versionId: string;
	questionnaire: string;
	version: number;
	title: LocalisedText;
	/** yyyy-mm-dd */
	opensOn: string;
	closesOn: string;
	closedAt: Date | null;
	state: RoundState;
	/** days before closesOn on which reminders go out automatically (assessments/reminders.ts) */
	reminderDays: number[];
	assessments: number;
	submitted: number;
}

export interface RoundInput {
	year: number;
	questionnaireVersionId: string;
	opensOn: string;
	closesOn: string;
	municipalityIds: string[];
	sectorIds: string[];
}

/** A rule of rounds that the input broke: `field` is the form field, `key` the message. */
export class RoundError extends Error {
	constructor(
		readonly field: string,
		readonly key: MessageKey
	) {
		super(key);
	}
}

/**
 * A version's title with every interface language there (languages.ts), as SQL: the title,
 * and the declaration that says what a reader without their language gets. Completed in
 * TypeScript by the rows' transform below, so the rule stays in one place.
 */
const titleOf = (sql: Db) =>
	sql`jsonb_build_object('text', v.definition -> 'title', 'languages', v.definition -> 'languages', 'fallback', v.definition -> 'fallback')`;

const roundColumns = (sql: Db) => sql`
	r.id, r.year, r.questionnaire_version_id as "versionId", q.slug as questionnaire, v.version,
	${titleOf(sql)} as title, r.opens_on::text as "opensOn", r.closes_on::text as "closesOn",
	r.closed_at as "closedAt", ${roundState(sql)} as state, r.reminder_days as "reminderDays",
	(select count(*)::int from assessment a where a.round_id = r.id) as assessments,
	(select count(*)::int from assessment a where a.round_id = r.id and a.status = 'submitted') as submitted`;

export async function listRounds(sql: Db, collaborationId: string): Promise<Round[]> {
	const rows = await sql<(Omit<Round, 'title'> & TitleRow)[]>`
		select ${roundColumns(sql)}
		from round r join questionnaire_version v on v.id = r.questionnaire_version_id join questionnaire q on q.id = v.questionnaire_id
		where r.collaboration_id = ${collaborationId}
		order by r.year desc`;
	return rows.map(withTitle);
}

export async function getRound(sql: Db, collaborationId: string, roundId: string): Promise<Round | null> {
	const [round] = await sql<(Omit<Round, 'title'> & TitleRow)[]>`
		select ${roundColumns(sql)}
		from round r join questionnaire_version v on v.id = r.questionnaire_version_id join questionnaire q on q.id = v.questionnaire_id
		where r.collaboration_id = ${collaborationId} and r.id = ${roundId}`;
	return round ? withTitle(round) : null;
}

/**
 * Opens a round: the round and one assessment per municipality × sector, in one
 * transaction. Municipalities must be members during the round, sectors active ones of
 * the collaboration, and the year free.
 */
export async function openRound(sql: Sql, collaborationId: string, input: RoundInput, actorId: string | null): Promise<string> {
	if (input.closesOn < input.opensOn) throw new RoundError('closesOn', 'rounds.closes_before_opens');
	if (input.municipalityIds.length === 0) throw new RoundError('municipalityIds', 'rounds.pick_municipalities');
	if (input.sectorIds.length === 0) throw new RoundError('sectorIds', 'rounds.pick_sectors');
	return sql.begin(async (tx) => {
		const [version] = await tx`select 1 from questionnaire_version where id = ${input.questionnaireVersionId}`;
		if (!version) throw new RoundError('questionnaireVersionId', 'form.unknown_id');
		const members = await tx<{ id: string }[]>`
			select distinct municipality_id as id from membership
			where collaboration_id = ${collaborationId} and municipality_id = any(${input.municipalityIds}::uuid[])
				and valid_from <= ${input.closesOn} and (valid_to is null or valid_to >= ${input.opensOn})`;
		if (members.length !== new Set(input.municipalityIds).size) throw new RoundError('municipalityIds', 'rounds.not_members');
		const sectors = await tx`
			select id from sector where collaboration_id = ${collaborationId} and archived_at is null and id = any(${input.sectorIds}::uuid[])`;
		if (sectors.length !== new Set(input.sectorIds).size) throw new RoundError('sectorIds', 'form.unknown_id');

		const [round] = await tx<{ id: string }[]>`
			insert into round (collaboration_id, year, questionnaire_version_id, opens_on, closes_on)
			values (${collaborationId}, ${input.year}, ${input.questionnaireVersionId}, ${input.opensOn}, ${input.closesOn})
			on conflict (collaboration_id, year) do nothing returning id`;
		if (!round) throw new RoundError('year', 'rounds.year_taken');
		await tx`
			insert into assessment (collaboration_id, round_id, municipality_id, sector_id)
			select ${collaborationId}, ${round.id}, m, s
			from unnest(${[...new Set(input.municipalityIds)]}::uuid[]) m cross join unnest(${[...new Set(input.sectorIds)]}::uuid[]) s`;
		await audit(tx, {
			action: 'round.opened',
			actorId,
			collaborationId,
			subjectType: 'round',
			subjectId: round.id,
			detail: { ...input }
		});
		return round.id;
	});
}

/** Closes a round now: from this moment its answers are refused. False if unknown or already closed. */
export async function closeRound(sql: Sql, collaborationId: string, roundId: string, actorId: string | null): Promise<boolean> {
	return sql.begin(async (tx) => {
		const [row] = await tx`
			update round set closed_at = now()
			where id = ${roundId} and collaboration_id = ${collaborationId} and closed_at is null returning id`;
		if (!row) return false;
		await audit(tx, { action: 'round.closed', actorId, collaborationId, subjectType: 'round', subjectId: roundId });
		return true;
	});
}

/** The questionnaire versions a round can use, newest first. */
export async function versionChoices(sql: Db): Promise<{ id: string; slug: string; version: number; title: Round['title'] }[]> {
	const rows = await sql<({ id: string; slug: string; version: number } & TitleRow)[]>`
		select v.id, q.slug, v.version, ${titleOf(sql)} as title
		from questionnaire_version v join questionnaire q on q.id = v.questionnaire_id
		order by q.slug, v.version desc`;
	return rows.map(withTitle);
}
