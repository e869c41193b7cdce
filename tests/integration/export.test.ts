import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connect, type Sql } from '../../src/lib/server/db/index';
import { migrate } from '../../src/lib/server/db/migrate';
import { loadDemo } from '../../src/lib/server/demo/load';
import { roundTables, toCsv, toXlsx } from '../../src/lib/server/exports/round-export';
import { publishFromDirectory } from '../../src/lib/server/questionnaires/publish';
import { policyOf } from '../../src/lib/server/disclosure/policy';
import { getVersionById } from '../../src/lib/server/questionnaires/versions';
import { frameOf, resultRounds, snapshotCells } from '../../src/lib/server/results/queries';
import { municipalityView } from '../../src/lib/server/results/pages';
import { displayScore } from '../../src/lib/server/scoring/display';
import { currentSnapshot } from '../../src/lib/server/results/snapshots';
import { createEmptyDatabase, dropDatabase, first } from './database';

/** The round export reads back from XLSX with the dashboards' numbers, and only what the reader may see. */
describe('round export', () => {
	const name = `moden_test_export_${process.pid}`;
	let sql: Sql;
	let collaborationId: string;
	let roundId: string;
	let hamar: string;

	beforeAll(async () => {
		sql = connect(await createEmptyDatabase(name), { max: 2 });
		await migrate(sql, 'migrations');
		await publishFromDirectory(sql, 'questionnaires', () => {});
		await loadDemo(sql, { scale: 'tenth', rounds: 2, now: new Date('2026-11-23T12:00:00Z') });
		({ id: collaborationId } = await first(sql<{ id: string }[]>`select id from collaboration where name = 'Hedmark IKT'`));
		({ id: roundId } = await first(sql<{ id: string }[]>`select id from round where collaboration_id = ${collaborationId} and year = 2025`));
		({ id: hamar } = await first(sql<{ id: string }[]>`select id from municipality where national_number = '3403'`));
	}, 60_000);
	afterAll(async () => {
		await sql.end();
		await dropDatabase(name);
	});

	it('writes four sheets in the reader’s language whose scores equal the dashboards’, with what they rest on', async () => {
		const snapshotId = (await currentSnapshot(sql, roundId))!.id;
		const tables = await roundTables(sql, { collaborationId, roundId, snapshotId, scoreMunicipalities: null, answerMunicipalities: null, locale: 'nb' });
		const workbook = new ExcelJS.Workbook();
		await workbook.xlsx.load((await toXlsx(tables, 'nb')) as unknown as ArrayBuffer);
		expect(workbook.worksheets.map((w) => w.name)).toEqual(['Kommuner', 'Poeng', 'Svar', 'Spørreskjema']);

		const scores = workbook.getWorksheet('Poeng')!;
		expect(scores.getRow(1).values).toEqual([
			undefined,
			'Kommunenummer',
			'Kommune',
			'Sektor',
			'Dimensjon',
			'Poeng',
			'95 %-intervall fra',
			'95 %-intervall til',
			'Nivå',
			'Andel besvart',
			'Respondenter',
			'Andel vet ikke',
			'Runde',
			'Brudd i serien siden runden før'
		]);
		const rules = (await getVersionById(sql, (await first(sql<{ v: string }[]>`select questionnaire_version_id as v from round where id = ${roundId}`)).v))!
			.scoring;
		const dashboard = await snapshotCells(sql, snapshotId);
		expect(scores.rowCount - 1).toBe(dashboard.length);
		const sectors = new Map(
			(await sql<{ id: string; name: string }[]>`select id, name_nb as name from sector where collaboration_id = ${collaborationId}`).map((s) => [s.name, s.id])
		);
		const numbers = new Map((await sql<{ id: string; n: string }[]>`select id, national_number as n from municipality`).map((m) => [m.n, m.id]));
		const dimensions = new Map([
			['Kultur', 'culture'],
			['Strategi', 'strategy'],
			['Ledelse', 'leadership'],
			['Kompetanse', 'competence'],
			['Teknologi', 'technology']
		]);
		scores.eachRow((row, i) => {
			if (i === 1) return;
			const [, number, , sector, dimension, score, low, high, level, , , , status] = row.values as (string | number | null)[];
			const cell = dashboard.find(
				(d) =>
					d.municipalityId === numbers.get(String(number)) && d.sectorId === sectors.get(String(sector)) && d.dimension === dimensions.get(String(dimension))
			)!;
			expect(cell, `row ${i}`).toBeDefined();
			// The shown number: one decimal by the one rounding rule, its level beside it, inside its interval.
			expect(score ?? null).toBe(displayScore(rules, cell.score)?.value ?? null);
			expect(level ?? null).toBe(displayScore(rules, cell.score)?.level ?? null);
			if (score !== null && score !== undefined) expect(Number(low)).toBeLessThanOrEqual(Number(score));
			if (score !== null && score !== undefined) expect(Number(high)).toBeGreaterThanOrEqual(Number(score));
			expect(status).toBe('endelig');
		});
		const municipalities = workbook.getWorksheet('Kommuner')!;
		expect(municipalities.getRow(1).values).toEqual([
			undefined,
			'Kommunenummer',
			'Kommune',
			'Dimensjon',
			'Poeng',
			'95 %-intervall fra',
			'95 %-intervall til',
			'Nivå',
			'Sektorer med poeng',
			'Sektorer som mangler',
			'Respondenter',
			'Andel vet ikke',
			'Runde',
			'Brudd i serien siden runden før'
		]);
		const snapshot = (await currentSnapshot(sql, roundId))!;
		const round = (await resultRounds(sql, collaborationId)).find((r) => r.id === roundId)!;
		const context = { collaborationId, country: 'NO', round, frame: await frameOf(sql, round, 'nb'), locale: 'nb' as const, snapshot };
		const view = await municipalityView(
			sql,
			context,
			{ namesVisible: true, ownMunicipalities: [], collaborationIds: [collaborationId], policy: policyOf() },
			hamar
		);
		const hamarRows = [] as (string | number | null)[][];
		municipalities.eachRow((row) => {
			if ((row.values as unknown[])[1] === '3403') hamarRows.push(row.values as (string | number | null)[]);
		});
		expect(hamarRows).toHaveLength(5);
		for (const d of view.dimensions) {
			const row = hamarRows.find((r) => r[3] === d.title)!;
			expect([row[4], row[5], row[6], row[7]]).toEqual([d.score, d.lower, d.upper, d.level]);
			expect(row[8]).toBe(`${d.sectors.covered.length}/${d.sectors.covered.length + d.sectors.missing.length}`);
			expect(row[10]).toBe(d.respondents);
		}
		const answers = workbook.getWorksheet('Svar')!;
		const { n } = await first(sql<{ n: number }[]>`
			select count(*)::int as n from answer x join response r on r.id = x.response_id join assessment a on a.id = r.assessment_id
			where a.round_id = ${roundId} and r.status = 'submitted' and x.kind is not null`);
		expect(answers.rowCount - 1).toBe(n);
		const { items } = await first(sql<{ items: number }[]>`
			select count(*)::int as items from questionnaire_item i join round r on r.questionnaire_version_id = i.questionnaire_version_id where r.id = ${roundId}`);
		expect(workbook.getWorksheet('Spørreskjema')!.rowCount - 1).toBe(items);
	});

	it('gives a reader of one municipality only its rows, and CSV in the spreadsheet’s own dialect', async () => {
		const snapshotId = (await currentSnapshot(sql, roundId))!.id;
		const tables = await roundTables(sql, { collaborationId, roundId, snapshotId, scoreMunicipalities: [hamar], answerMunicipalities: [], locale: 'sv' });
		const scores = tables.find((t) => t.sheet === 'scores')!;
		expect(scores.rows.length).toBeGreaterThan(0);
		expect(scores.rows.every((r) => r[0] === '3403')).toBe(true);
		expect(tables.find((t) => t.sheet === 'answers')!.rows).toEqual([]);
		const csv = toCsv(scores, 'sv');
		expect(csv.startsWith('\ufeff"Kommunkod";"Kommun";"Verksamhet";')).toBe(true);
		expect(csv.split('\r\n')[1]).toMatch(/^"3403";"Hamar";"[^"]+";"[^"]+";(\d+(,\d+)?;){3}\d;[\d,]+;\d+;[\d,]+;"slutlig";("[^"]*")?$/);
		expect(toCsv({ headers: ['a'], rows: [['=HYPERLINK("x")']] }, 'en')).toContain(`"'=HYPERLINK(""x"")"`);
	});
});
