import { beforeAll, describe, expect, it } from 'vitest';
import { first, useTestDatabase } from './database';
import type { Fragment } from 'postgres';

/** The schema itself refuses rows that break the domain rules, whatever the code does. */
describe('domain schema', () => {
	const { sql } = useTestDatabase();
	const ids = {} as Record<'collabA' | 'collabB' | 'muni' | 'sectorA' | 'sectorB' | 'user' | 'operator', string>;

	beforeAll(async () => {
		const db = sql();
		({ id: ids.collabA } = await first(
			db`insert into collaboration (name, legal_form, country) values ('Hedmark IKT', 'kommunalt_oppgavefellesskap', 'NO') returning id`
		));
		({ id: ids.collabB } = await first(db`insert into collaboration (name, legal_form, country) values ('Värmland', 'kommunalforbund', 'SE') returning id`));
		({ id: ids.muni } = await first(db`insert into municipality (country, national_number, name) values ('NO', '3403', 'Hamar') returning id`));
		({ id: ids.sectorA } = await first(
			db`insert into sector (collaboration_id, key, name_nb, name_sv, name_en) values (${ids.collabA}, 'oppvekst', 'Oppvekst', 'Barn och utbildning', 'Education') returning id`
		));
		({ id: ids.sectorB } = await first(
			db`insert into sector (collaboration_id, key, name_nb, name_sv, name_en) values (${ids.collabB}, 'skola', 'Skole', 'Skola', 'School') returning id`
		));
		({ id: ids.user } = await first(db`insert into app_user (email, name) values ('kari@hamar.kommune.no', 'Kari') returning id`));
		({ id: ids.operator } = await first(db`insert into app_user (email, name) values ('drift@moden.example', 'Drift') returning id`));
	});

	it('keys municipalities by country and national number, not by name', async () => {
		await sql()`insert into municipality (country, national_number, name) values ('SE', '3403', 'Same number in Sweden')`;
		await sql()`insert into municipality (country, national_number, name) values ('NO', '0000', 'Hamar')`;
		await expect(sql()`insert into municipality (country, national_number, name) values ('NO', '3403', 'Duplicate')`).rejects.toThrow(/duplicate key/);
		await expect(sql()`insert into municipality (country, national_number, name) values ('NO', '34', 'Short')`).rejects.toThrow(/check constraint/);
	});

	it('requires each role to sit on its own kind of scope', async () => {
		const db = sql();
		await db`insert into role_grant (user_id, role) values (${ids.operator}, 'platform_admin')`;
		await db`insert into role_grant (user_id, role, collaboration_id, municipality_id, sector_id) values (${ids.user}, 'respondent', ${ids.collabA}, ${ids.muni}, ${ids.sectorA})`;
		await expect(db`insert into role_grant (user_id, role, collaboration_id) values (${ids.user}, 'respondent', ${ids.collabA})`).rejects.toThrow(
			/check constraint/
		);
		await expect(db`insert into role_grant (user_id, role, collaboration_id) values (${ids.operator}, 'platform_admin', ${ids.collabA})`).rejects.toThrow(
			/check constraint/
		);
		await expect(db`insert into role_grant (user_id, role) values (${ids.operator}, 'platform_admin')`).rejects.toThrow(/duplicate key/);
	});

	it('keeps the platform’s operators out of the collaborations, and their people out of the platform role', async () => {
		const db = sql();
		await expect(db`insert into role_grant (user_id, role, collaboration_id) values (${ids.operator}, 'board_viewer', ${ids.collabA})`).rejects.toThrow(
			/platform administrator cannot hold a role/
		);
		await expect(db`insert into role_grant (user_id, role) values (${ids.user}, 'platform_admin')`).rejects.toThrow(
			/platform administrator cannot hold a role/
		);
		const [grant] = await db<{ id: string }[]>`select id from role_grant where user_id = ${ids.user}`;
		await expect(db`update role_grant set user_id = ${ids.operator} where id = ${grant!.id}`).rejects.toThrow(/platform administrator cannot hold a role/);
	});

	it('refuses a grant on a sector of another collaboration', async () => {
		await expect(
			sql()`insert into role_grant (user_id, role, collaboration_id, municipality_id, sector_id) values (${ids.user}, 'respondent', ${ids.collabA}, ${ids.muni}, ${ids.sectorB})`
		).rejects.toThrow(/foreign key/);
	});

	it('keeps answers consistent: a level, or N/A with a reason, or don’t know', async () => {
		const db = sql();
		const { id: questionnaireId } = await first(db`insert into questionnaire (slug) values ('schema-test') returning id`);
		const { id: versionId } = await first(
			db`insert into questionnaire_version (questionnaire_id, version, content_hash, definition) values (${questionnaireId}, 1, 'x', '{}') returning id`
		);
		const points = { type: 'points', values: [0, 25, 50, 75, 100] };
		await db`insert into questionnaire_item (questionnaire_version_id, key, dimension, weight, allow_na, position, scale)
			values (${versionId}, 'culture.a', 'culture', 1, true, 0, ${db.json(points)}), (${versionId}, 'culture.b', 'culture', 1, false, 1, ${db.json(points)})`;
		const { id: roundId } = await first(
			db`insert into round (collaboration_id, year, questionnaire_version_id, opens_on, closes_on) values (${ids.collabA}, 2026, ${versionId}, '2026-01-01', '2026-03-01') returning id`
		);
		const { id: assessmentId } = await first(
			db`insert into assessment (collaboration_id, round_id, municipality_id, sector_id) values (${ids.collabA}, ${roundId}, ${ids.muni}, ${ids.sectorA}) returning id`
		);
		const { id: responseId } = await first(
			db`insert into response (collaboration_id, assessment_id, respondent_id) values (${ids.collabA}, ${assessmentId}, ${ids.user}) returning id`
		);
		const answer = (kind: string, level: number | null, reason: string | null, key = 'culture.a') =>
			db`insert into answer (response_id, collaboration_id, questionnaire_version_id, item_key, kind, level, na_reason) values (${responseId}, ${ids.collabA}, ${versionId}, ${key}, ${kind}, ${level}, ${reason})`;

		await expect(answer('level', null, null)).rejects.toThrow(/check constraint/);
		await expect(answer('level', 6, null)).rejects.toThrow(/has no point 6/);
		await expect(answer('not_applicable', null, '  ')).rejects.toThrow(/check constraint/);
		await expect(answer('dont_know', 3, null)).rejects.toThrow(/check constraint/);
		// refused by the foreign key, or first by the score no item could give it
		await expect(answer('level', 3, null, 'culture.unknown')).rejects.toThrow(/foreign key|answer_value_check/);
		// "not applicable" only where the item allows it (culture.b does not)
		await expect(answer('not_applicable', null, 'No such service in this sector', 'culture.b')).rejects.toThrow(/cannot be answered "not applicable"/);
		await answer('level', 3, null, 'culture.b');
		await answer('not_applicable', null, 'No such service in this sector');
		// an answer row cannot be moved into another collaboration's tenant
		await expect(db`update answer set collaboration_id = ${ids.collabB} where response_id = ${responseId}`).rejects.toThrow(/foreign key/);

		// An update is held to the same rules (migration 019 checks only what it changes).
		const update = (change: Fragment) => db`update answer set ${change} where response_id = ${responseId} and item_key = 'culture.b'`;
		const stored = async () => first(db`select level, value, comment from answer where response_id = ${responseId} and item_key = 'culture.b'`);
		await expect(update(db`kind = 'not_applicable', level = null, na_reason = 'Not here'`)).rejects.toThrow(/cannot be answered "not applicable"/);
		await expect(update(db`level = 6`)).rejects.toThrow(/has no point 6/);
		await update(db`comment = 'Only a comment'`);
		expect(await stored()).toEqual({ level: 3, value: '50', comment: 'Only a comment' });
		await update(db`level = 4`);
		expect(await stored()).toMatchObject({ level: 4, value: '75' });
		await expect(update(db`value = 99`)).resolves.toBeDefined();
		expect(await stored()).toMatchObject({ value: '75' });
		// not into an item of a version its round does not ask
		const { id: otherVersionId } = await first(
			db`insert into questionnaire_version (questionnaire_id, version, content_hash, definition) values (${questionnaireId}, 2, 'y', '{}') returning id`
		);
		await db`insert into questionnaire_item (questionnaire_version_id, key, dimension, weight, allow_na, position, scale)
			values (${otherVersionId}, 'culture.b', 'culture', 1, false, 0, ${db.json(points)})`;
		await expect(update(db`questionnaire_version_id = ${otherVersionId}`)).rejects.toThrow(/not part of this round's questionnaire version/);
	});
	it('stores a point, ticks or an amount only where the item has them, and derives the score from its scale', async () => {
		const db = sql();
		const { id: questionnaireId } = await first(db`insert into questionnaire (slug) values ('types-test') returning id`);
		const { id: versionId } = await first(
			db`insert into questionnaire_version (questionnaire_id, version, content_hash, definition) values (${questionnaireId}, 1, 'x', '{}') returning id`
		);
		const scales = {
			'culture.three': { type: 'points', values: [0, 40, 100] },
			'culture.list': {
				type: 'checklist',
				options: [
					{ key: 'a', weight: 3, exclusive: false },
					{ key: 'b', weight: 1, exclusive: false },
					{ key: 'none', weight: 0, exclusive: true }
				]
			},
			'culture.share': {
				type: 'amount',
				max: 100,
				integer: false,
				bands: [
					{ from: 0, score: 0 },
					{ from: 50, score: 60 },
					{ from: 90, score: 100 }
				]
			},
			'culture.count': {
				type: 'amount',
				max: null,
				integer: true,
				bands: [
					{ from: 0, score: 0 },
					{ from: 2, score: 100 }
				]
			}
		};
		for (const [i, [key, scale]] of Object.entries(scales).entries())
			await db`insert into questionnaire_item (questionnaire_version_id, key, dimension, weight, allow_na, position, scale) values (${versionId}, ${key}, 'culture', 1, false, ${i}, ${db.json(scale)})`;
		const { id: roundId } = await first(
			db`insert into round (collaboration_id, year, questionnaire_version_id, opens_on, closes_on) values (${ids.collabA}, 2027, ${versionId}, '2027-01-01', '2027-03-01') returning id`
		);
		const { id: assessmentId } = await first(
			db`insert into assessment (collaboration_id, round_id, municipality_id, sector_id) values (${ids.collabA}, ${roundId}, ${ids.muni}, ${ids.sectorA}) returning id`
		);
		const { id: responseId } = await first(
			db`insert into response (collaboration_id, assessment_id, respondent_id) values (${ids.collabA}, ${assessmentId}, ${ids.user}) returning id`
		);
		const answer = (key: string, kind: string, fields: { level?: number; ticked?: string[]; amount?: number }) =>
			db<{ value: string | null }[]>`insert into answer (response_id, collaboration_id, questionnaire_version_id, item_key, kind, level, ticked, amount)
				values (${responseId}, ${ids.collabA}, ${versionId}, ${key}, ${kind}, ${fields.level ?? null}, ${fields.ticked ?? null}::text[], ${fields.amount ?? null}::numeric)
				on conflict (response_id, item_key) do update set kind = excluded.kind, level = excluded.level, ticked = excluded.ticked, amount = excluded.amount
				returning value`;
		const value = async (...args: Parameters<typeof answer>) => Number((await answer(...args))[0]!.value);

		// a point the scale has, and none beyond it
		await expect(answer('culture.three', 'level', { level: 4 })).rejects.toThrow(/has no point 4/);
		await expect(answer('culture.three', 'ticked', { ticked: ['a'] })).rejects.toThrow(/has no point/);
		expect(await value('culture.three', 'level', { level: 2 })).toBe(40);
		// options the checklist lists, each once, "none of these" alone
		await expect(answer('culture.list', 'ticked', { ticked: ['a', 'x'] })).rejects.toThrow(/cannot be ticked/);
		await expect(answer('culture.list', 'ticked', { ticked: ['a', 'a'] })).rejects.toThrow(/cannot be ticked/);
		await expect(answer('culture.list', 'ticked', { ticked: ['none', 'a'] })).rejects.toThrow(/cannot be ticked/);
		await expect(answer('culture.list', 'ticked', { ticked: [] })).rejects.toThrow(/check constraint/);
		await expect(answer('culture.list', 'level', { level: 1 })).rejects.toThrow(/cannot be ticked/);
		expect(await value('culture.list', 'ticked', { ticked: ['a'] })).toBe(75);
		expect(await value('culture.list', 'ticked', { ticked: ['none'] })).toBe(0);
		// a percent at most 100, a count whole, neither below 0
		await expect(answer('culture.share', 'amount', { amount: 101 })).rejects.toThrow(/cannot have the amount/);
		await expect(answer('culture.share', 'amount', { amount: -1 })).rejects.toThrow(/check constraint/);
		await expect(answer('culture.count', 'amount', { amount: 1.5 })).rejects.toThrow(/cannot have the amount/);
		expect(await value('culture.share', 'amount', { amount: 72.5 })).toBe(60);
		expect(await value('culture.count', 'amount', { amount: 40 })).toBe(100);
		// the kind's own column, and no other
		await expect(answer('culture.count', 'amount', { amount: 3, level: 1 })).rejects.toThrow(/check constraint/);
		// the score is derived, never written by hand
		await expect(
			db`update answer set value = 99 where response_id = ${responseId} and item_key = 'culture.count'`.then(
				async () => (await first(db`select value from answer where response_id = ${responseId} and item_key = 'culture.count'`)).value
			)
		).resolves.toBe('100');
	});
});
