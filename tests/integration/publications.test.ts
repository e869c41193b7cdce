import { beforeAll, describe, expect, it } from 'vitest';
import { submitResponse, type Person } from '../../src/lib/server/assessments/response-lifecycle';
import { saveAnswers } from '../../src/lib/server/assessments/save-protocol';
import { openRound } from '../../src/lib/server/assessments/rounds';
import { currentPublication } from '../../src/lib/server/benchmarks/publications';
import { createCollaboration } from '../../src/lib/server/collaborations/collaborations';
import { insertSubmittedResponse } from '../../src/lib/server/demo/responses';
import { peerFigures } from '../../src/lib/server/disclosure/peers';
import { policyOf } from '../../src/lib/server/disclosure/policy';
import { publishFromDirectory } from '../../src/lib/server/questionnaires/publish';
import { currentSnapshot } from '../../src/lib/server/results/snapshots';
import { first, useTestDatabase } from './database';

/**
 * Benchmarks as publications (issue 17): a municipality in two collaborations counts once,
 * another questionnaire version is another population, a submit changes nothing shown
 * until the next snapshot, a round's closing makes a new publication, and what a
 * collaboration may see of one is decided once.
 */
describe('peer publications', () => {
	const { sql } = useTestDatabase();
	const year = new Date().getFullYear();
	const iso = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);
	let v1: string;
	let v2: string;
	let shared: string;
	const collaborations: Record<string, { id: string; municipalities: string[]; roundId?: string }> = {};

	async function collaboration(name: string, numbers: string[]) {
		const { id } = await createCollaboration(sql(), { name, legalForm: 'iks', country: 'NO' }, null);
		const municipalities: string[] = [];
		for (const number of numbers) {
			const [existing] = await sql()<{ id: string }[]>`select id from municipality where national_number = ${number}`;
			const municipality =
				existing ??
				(await first(
					sql()<{ id: string }[]>`insert into municipality (country, national_number, name) values ('NO', ${number}, ${`Kommune ${number}`}) returning id`
				));
			// A's own under 5 000, B's 20 000–50 000, the one they share in between.
			const population = number === '9199' ? 8000 : number.startsWith('92') ? 25000 : 3000;
			if (!existing) await sql()`insert into municipality_population (municipality_id, year, population) values (${municipality.id}, 2024, ${population})`;
			await sql()`insert into membership (collaboration_id, municipality_id, valid_from) values (${id}, ${municipality.id}, '2010-01-01')`;
			municipalities.push(municipality.id);
		}
		return { id, municipalities };
	}

	async function roundWithAnswers(name: string, versionId: string, opens: { closed: boolean }, seed: number) {
		const c = collaborations[name]!;
		const sectors = (await sql()<{ id: string }[]>`select id from sector where collaboration_id = ${c.id} order by position limit 2`).map((s) => s.id);
		const roundId = await openRound(
			sql(),
			c.id,
			{ year, questionnaireVersionId: versionId, opensOn: iso(-10), closesOn: iso(20), municipalityIds: c.municipalities, sectorIds: sectors },
			null
		);
		const items = await sql()<{ key: string }[]>`select key from questionnaire_item where questionnaire_version_id = ${versionId} order by position`;
		const assessments = await sql()<{ id: string }[]>`select id from assessment where round_id = ${roundId} order by id`;
		for (const [n, a] of assessments.entries()) {
			await insertSubmittedResponse(sql(), {
				assessmentId: a.id,
				respondentId: null,
				answers: items.map((i, k) => ({ itemKey: i.key, kind: 'level' as const, level: 1 + ((n + k + seed) % 5) })),
				submittedAt: new Date()
			});
		}
		await sql()`update assessment set status = 'submitted' where round_id = ${roundId}`;
		if (opens.closed) await sql()`update round set closed_at = now() where id = ${roundId}`;
		c.roundId = roundId;
		return roundId;
	}

	beforeAll(async () => {
		await publishFromDirectory(sql(), 'questionnaires', () => {});
		({ id: v1 } = await first(
			sql()<
				{ id: string }[]
			>`select id from questionnaire_version where version = 1 and questionnaire_id = (select id from questionnaire where slug = 'digital-maturity')`
		));
		({ id: v2 } = await first(
			sql()<
				{ id: string }[]
			>`select id from questionnaire_version where version = 2 and questionnaire_id = (select id from questionnaire where slug = 'digital-maturity')`
		));
		collaborations.a = await collaboration('A-samarbeidet', ['9101', '9102', '9103', '9104', '9105', '9199']);
		collaborations.b = await collaboration('B-samarbeidet', ['9201', '9202', '9203', '9204', '9205', '9199']);
		collaborations.c = await collaboration('C-samarbeidet', ['9301', '9302', '9303']);
		shared = (await first(sql()<{ id: string }[]>`select id from municipality where national_number = '9199'`)).id;
		await roundWithAnswers('a', v2, { closed: true }, 0);
		await roundWithAnswers('b', v2, { closed: false }, 1);
		await roundWithAnswers('c', v1, { closed: true }, 2);
	});

	it('counts a municipality in two collaborations once, and keeps another questionnaire version out', async () => {
		const publication = (await currentPublication(sql(), year, v2))!;
		expect([publication.rounds, publication.closedRounds]).toEqual([2, 1]);
		const units = await sql()<{ municipalityId: string; n: number }[]>`
			select municipality_id as "municipalityId", count(*)::int as n from peer_unit
			where publication_id = ${publication.id} and sector_key = '' and dimension = 'culture' group by municipality_id`;
		expect(units.filter((u) => u.municipalityId === shared)).toEqual([{ municipalityId: shared, n: 1 }]);
		// Eleven distinct municipalities in A and B; C answered version 1 and is another population.
		const { organisations } = await first(sql()<{ organisations: number }[]>`
			select organisations from peer_statistic where publication_id = ${publication.id} and kind = 'country' and dimension = 'culture'`);
		expect(organisations).toBe(11);
	});

	it('shows nothing of a submit until the next snapshot, and publishes again when a round closes', async () => {
		const b = collaborations.b!;
		const before = (await currentSnapshot(sql(), b.roundId!))!;
		const publication = (await currentPublication(sql(), year, v2))!;
		const counts = async () =>
			first(
				sql()<
					{ publications: number; units: number }[]
				>`select (select count(*)::int from peer_publication) as publications, (select count(*)::int from peer_unit) as units`
			);
		const stored = await counts();

		// A new respondent submits in B: the round's scores change, nothing platform-wide is written.
		const {
			id: assessmentId,
			municipality_id: municipalityId,
			sector_id: sectorId
		} = await first(sql()<{ id: string; municipality_id: string; sector_id: string }[]>`
			select id, municipality_id, sector_id from assessment where round_id = ${b.roundId!} order by id limit 1`);
		const { id: userId } = await first(sql()<{ id: string }[]>`insert into app_user (email) values ('ny@b.test') returning id`);
		await sql()`insert into role_grant (user_id, role, collaboration_id, municipality_id, sector_id) values (${userId}, 'respondent', ${b.id}, ${municipalityId}, ${sectorId})`;
		const person: Person = { id: userId, grants: [{ role: 'respondent', collaborationId: b.id, municipalityId, sectorId }] };
		const { key } = await first(sql()<{ key: string }[]>`select key from questionnaire_item where questionnaire_version_id = ${v2} order by position limit 1`);
		await saveAnswers(sql(), person, assessmentId, [
			{ itemKey: key, kind: 'level', level: 5, naReason: null, comment: null, evidenceUrl: null, baseRevision: 0 }
		]);
		await submitResponse(sql(), person, assessmentId);
		expect(await counts()).toEqual(stored);

		// The same day, the round and the peers read as before.
		expect((await currentSnapshot(sql(), b.roundId!))!.id).toBe(before.id);
		expect((await currentPublication(sql(), year, v2))!.id).toBe(publication.id);

		// A day later the round's next snapshot is taken; once it closes, a final one and a new publication.
		await sql()`update round_snapshot set taken_at = taken_at - interval '1 day'`;
		await sql()`update peer_publication set published_at = published_at - interval '1 day'`;
		expect((await currentSnapshot(sql(), b.roundId!))!.id).not.toBe(before.id);
		await sql()`update round set closed_at = now() where id = ${b.roundId!}`;
		const final = (await currentSnapshot(sql(), b.roundId!))!;
		expect(final.final).toBe(true);
		const closed = (await currentPublication(sql(), year, v2))!;
		expect(closed.id).not.toBe(publication.id);
		expect([closed.rounds, closed.closedRounds]).toEqual([2, 2]);
	});

	it('decides once what a collaboration may see of a publication: a group of its own or of one is hidden, with the reason', async () => {
		const publication = (await currentPublication(sql(), year, v2))!;
		const viewer = { collaborationIds: [collaborations.a!.id] };
		const figures = await peerFigures(sql(), publication, viewer, policyOf(), { country: 'NO' });
		const decisions = async () =>
			(await first(sql()<{ n: number }[]>`select count(*)::int as n from peer_disclosure where publication_id = ${publication.id}`)).n;
		expect(await decisions()).toBe(1);
		await peerFigures(sql(), publication, viewer, policyOf(), { country: 'NO' });
		expect(await decisions()).toBe(1);
		const culture = (kind: string, group: string) => figures.find((f) => f.kind === kind && f.group === group && f.dimension === 'culture')!;
		// Under 5 000: A's own five, nobody else (the insider rule); 5 000–20 000: the one they share.
		expect(culture('size', 'lt5k')).toMatchObject({ organisations: 5, hidden: 'insider', mean: null, median: null });
		expect(culture('size', '5k-20k')).toMatchObject({ organisations: 1, hidden: 'too_few', mean: null });
		// B's five are five besides A's own: shown, unless their scores pin them.
		expect(culture('size', '20k-50k').organisations).toBe(5);
		expect(culture('country', 'NO').organisations).toBe(11);
		expect(figures.filter((x) => x.hidden).every((f) => f.mean === null && f.median === null)).toBe(true);
	});
});
