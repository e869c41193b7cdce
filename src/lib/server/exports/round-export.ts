import ExcelJS from 'exceljs';
import { type Locale } from '../../i18n';
import { translate } from '../i18n';
import type { Db } from '../db/index';
import { answerText, answerTexts } from '../questionnaires/answer-text';
import { getVersionById } from '../questionnaires/versions';
import { storedAnswer } from '../scoring/items';
import { sectorName } from '../collaborations/sectors';
import { definitionsOf, resultRounds, snapshotData } from '../results/queries';
import { measured, measuredRound } from '../results/measures';
import { versionBreaks } from '../results/trends';

/**
 * A round's figures to take to Excel: scores (municipality × sector × dimension, read from
 * the same round snapshot as the dashboards), answers (with comments and evidence links) and the
 * questionnaire version, with column headers in the reader's language.
 *
 * What is exported follows what the reader may see: every member for the collaboration's
 * admins and board, otherwise only the reader's own municipalities; answers only of
 * municipalities whose results the reader may open (never another municipality's, BRIEF
 * §6), and without who gave them.
 */
export const sheets = ['municipalities', 'scores', 'answers', 'questionnaire', 'initiatives'] as const;
export type Sheet = (typeof sheets)[number];

export interface ExportScope {
	collaborationId: string;
	roundId: string;
	/** the round snapshot whose scores are exported (results/snapshots.ts) */
	snapshotId: string;
	/** municipalities whose scores are exported; null: all members */
	scoreMunicipalities: string[] | null;
	/** municipalities whose answers are exported; null: all members */
	answerMunicipalities: string[] | null;
	locale: Locale;
}

type Cell = string | number | null;
export interface Table {
	sheet: Sheet;
	headers: string[];
	rows: Cell[][];
}

const only = (sql: Db, ids: string[] | null) => (ids === null ? sql`` : sql`and a.municipality_id = any(${ids}::uuid[])`);

export async function roundTables(sql: Db, scope: ExportScope): Promise<Table[]> {
	const t = (key: Parameters<typeof translate>[1]) => translate(scope.locale, key);
	const [round] = await sql<{ year: number; versionId: string }[]>`
		select year, questionnaire_version_id as "versionId" from round where id = ${scope.roundId} and collaboration_id = ${scope.collaborationId}`;
	if (!round) return [];
	const definition = (await getVersionById(sql, round.versionId))!;
	const dimensionTitle = new Map(definition.dimensions.map((d) => [d.key, d.title[scope.locale]]));

	const marks = await roundMarks(sql, scope, round);
	const numbers = new Map(
		(
			await sql<{ id: string; number: string }[]>`
		select m.id, m.national_number as number from round_snapshot_assessment a join municipality m on m.id = a.municipality_id
		where a.snapshot_id = ${scope.snapshotId} group by m.id`
		).map((m) => [m.id, m.number])
	);
	const { assessments, cells } = await snapshotData(sql, scope.snapshotId, scope.locale);
	const measuredCells = measuredRound(definition.scoring, assessments, cells);
	const shown = (m: string) => scope.scoreMunicipalities === null || scope.scoreMunicipalities.includes(m);
	const rate = (x: number | null) => (x === null ? null : Math.round(x * 1000) / 1000);
	const answers = await sql<
		{
			number: string;
			municipality: string;
			sector: string;
			response: number;
			itemKey: string;
			kind: string;
			level: number | null;
			ticked: string[] | null;
			amount: string | null;
			naReason: string | null;
			comment: string | null;
			evidenceUrl: string | null;
		}[]
	>`
		select m.national_number as number, m.name as municipality, ${sectorName(sql, scope.locale)} as sector,
			dense_rank() over (partition by a.id order by r.submitted_at, r.id)::int as response,
			x.item_key as "itemKey", x.kind, x.level, x.ticked, x.amount, x.na_reason as "naReason", x.comment, x.evidence_url as "evidenceUrl"
		from assessment a
		join response r on r.assessment_id = a.id and r.status = 'submitted'
		join answer x on x.response_id = r.id and x.kind is not null
		join municipality m on m.id = a.municipality_id
		join sector s on s.id = a.sector_id
		where a.round_id = ${scope.roundId} and a.collaboration_id = ${scope.collaborationId} ${only(sql, scope.answerMunicipalities)}
		order by m.name, s.position, response, x.item_key`;

	const items = new Map(definition.items.map((i) => [i.key, i]));
	const alternatives = Array.from({ length: Math.max(...definition.items.map((i) => answerTexts(i, scope.locale).length)) });
	const kindLabel = { level: '', ticked: '', amount: '', dont_know: t('answer.dont_know'), not_applicable: t('answer.not_applicable') } as Record<
		string,
		string
	>;
	const members = [...new Map(assessments.filter((a) => shown(a.municipalityId)).map((a) => [a.municipalityId, a.municipality]))];
	return [
		{
			sheet: 'municipalities',
			headers: [
				t('export.number'),
				t('export.municipality'),
				t('export.dimension'),
				t('export.score'),
				t('export.interval_low'),
				t('export.interval_high'),
				t('export.level'),
				t('export.sectors'),
				t('export.missing'),
				t('export.respondents'),
				t('export.dont_know'),
				t('export.status'),
				t('export.series_break')
			],
			rows: members.flatMap(([municipalityId, municipality]) =>
				definition.dimensions.map((d) => {
					const m = measured(definition.scoring, measuredCells.member(municipalityId, d.key));
					const { covered, missing } = measuredCells.coverage(municipalityId, d.key);
					const own = cells.filter((x) => x.municipalityId === municipalityId && x.dimension === d.key);
					const answered = measuredCells.answered(own);
					return [
						numbers.get(municipalityId) ?? '',
						municipality,
						dimensionTitle.get(d.key) ?? d.key,
						m.score,
						m.lower,
						m.upper,
						m.level,
						`${covered.length}/${covered.length + missing.length}`,
						missing.map((x) => `${x.sector} (${t(`export.missing.${x.reason}`)})`).join('; '),
						answered.respondents,
						rate(answered.dontKnowRate),
						marks.status,
						marks.breaks.get(d.key) ?? ''
					];
				})
			)
		},
		{
			sheet: 'scores',
			headers: [
				t('export.number'),
				t('export.municipality'),
				t('export.sector'),
				t('export.dimension'),
				t('export.score'),
				t('export.interval_low'),
				t('export.interval_high'),
				t('export.level'),
				t('export.coverage'),
				t('export.respondents'),
				t('export.dont_know'),
				t('export.status'),
				t('export.series_break')
			],
			rows: assessments
				.filter((a) => shown(a.municipalityId))
				.flatMap((a) =>
					definition.dimensions.flatMap((d) => {
						const cell = cells.find((x) => x.assessmentId === a.assessmentId && x.dimension === d.key);
						if (!cell) return [];
						const m = measured(definition.scoring, measuredCells.intervals.get(`${a.assessmentId}:${d.key}`) ?? null);
						return [
							[
								numbers.get(a.municipalityId) ?? '',
								a.municipality,
								a.sector,
								dimensionTitle.get(d.key) ?? d.key,
								m.score,
								m.lower,
								m.upper,
								m.level,
								rate(cell.coverage),
								cell.respondents,
								rate(cell.answers > 0 ? cell.dontKnow / cell.answers : null),
								marks.status,
								marks.breaks.get(d.key) ?? ''
							]
						];
					})
				)
		},
		{
			sheet: 'answers',
			headers: [
				t('export.number'),
				t('export.municipality'),
				t('export.sector'),
				t('export.response'),
				t('export.item'),
				t('export.level'),
				t('export.answer_kind'),
				t('export.na_reason'),
				t('export.comment'),
				t('export.evidence')
			],
			// A point stays a number (Excel can count it); ticks and amounts are written out as the reader reads them.
			rows: answers.map((r) => [
				r.number,
				r.municipality,
				r.sector,
				r.response,
				r.itemKey,
				r.kind === 'level' ? r.level : r.kind === 'ticked' || r.kind === 'amount' ? answerText(items.get(r.itemKey)!, storedAnswer(r)!, scope.locale) : null,
				kindLabel[r.kind] ?? r.kind,
				r.naReason,
				r.comment,
				r.evidenceUrl
			])
		},
		{
			sheet: 'questionnaire',
			headers: [
				t('export.item'),
				t('export.dimension'),
				t('export.weight'),
				t('export.question'),
				...alternatives.map((_, i) => translate(scope.locale, 'export.alternative', { n: i + 1 }))
			],
			rows: definition.items.map((i) => [
				i.key,
				dimensionTitle.get(i.dimension) ?? i.dimension,
				i.weight,
				i.text[scope.locale],
				...answerTexts(i, scope.locale)
			])
		}
	];
}

/**
 * What every row carries about the round: final or provisional (how many submitted), and
 * per dimension whether the series breaks against the collaboration's round before.
 */
async function roundMarks(sql: Db, scope: ExportScope, round: { year: number }) {
	const t = (key: Parameters<typeof translate>[1], params?: Record<string, string | number>) => translate(scope.locale, key, params);
	const [snapshot] = await sql<{ final: boolean; submitted: number; total: number }[]>`
		select s.final, count(*) filter (where a.status = 'submitted')::int as submitted, count(*)::int as total
		from round_snapshot s join round_snapshot_assessment a on a.snapshot_id = s.id where s.id = ${scope.snapshotId} group by s.final`;
	const rounds = (await resultRounds(sql, scope.collaborationId)).filter((r) => r.year <= round.year);
	const marked = versionBreaks(rounds, await definitionsOf(sql, rounds)).get(scope.roundId) ?? new Map();
	const breaks = new Map([...marked].map(([dimension, b]) => [dimension, t('results.series_break', { count: b.changedItems.length })]));
	const status =
		!snapshot || snapshot.final ? t('export.status_final') : t('export.status_provisional', { submitted: snapshot.submitted, total: snapshot.total });
	return { status, breaks };
}

export function sheetName(locale: Locale, sheet: Sheet): string {
	return translate(locale, `export.sheet.${sheet}`);
}

/** The three tables as one workbook; numbers stay numbers. */
export async function toXlsx(tables: Table[], locale: Locale): Promise<Buffer> {
	const workbook = new ExcelJS.Workbook();
	workbook.creator = 'Moden';
	for (const table of tables) {
		const sheet = workbook.addWorksheet(sheetName(locale, table.sheet));
		sheet.addRow(table.headers).font = { bold: true };
		for (const row of table.rows) sheet.addRow(row);
		sheet.views = [{ state: 'frozen', ySplit: 1 }];
		sheet.columns.forEach((column, i) => {
			column.width = Math.min(60, Math.max(10, table.headers[i]!.length + 2));
		});
	}
	return Buffer.from(await workbook.xlsx.writeBuffer());
}

/**
 * One table as CSV the way a spreadsheet in that language opens it: Norwegian and
 * Swedish with semicolons and decimal commas, English with commas and points; UTF-8
 * with a byte-order mark so æøå survive.
 *
 * CSV injection (OWASP): every text is quoted, so it stays one cell whichever separator
 * the file is opened with (`x,=1+1` in a semicolon file opened with commas), and a text
 * that starts like a formula (=, +, -, @, tab, carriage return) gets an apostrophe in
 * front, so a spreadsheet shows it instead of running it. Numbers are our own and stay
 * numbers.
 */
export function toCsv(table: Pick<Table, 'headers' | 'rows'>, locale: Locale): string {
	const separator = locale === 'en' ? ',' : ';';
	const cell = (value: Cell) => {
		if (value === null) return '';
		if (typeof value === 'number') return locale === 'en' ? String(value) : String(value).replace('.', ',');
		const text = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
		return `"${text.replaceAll('"', '""')}"`;
	};
	return '\ufeff' + [table.headers, ...table.rows].map((row) => row.map(cell).join(separator)).join('\r\n') + '\r\n';
}
