import { beforeAll, describe, expect, it } from 'vitest';
import { createCollaboration } from '../../src/lib/server/collaborations/collaborations';
import { addMember, endMembership, listMembers, MembershipError, setPopulation } from '../../src/lib/server/collaborations/municipalities';
import { addSector, archiveSector, listSectors, restoreSector, SectorKeyTakenError, updateSector } from '../../src/lib/server/collaborations/sectors';
import { first, useTestDatabase } from './database';

/** Members, memberships, populations and sectors, as the collaboration admin pages change them. */
describe('collaboration administration', () => {
	const { sql } = useTestDatabase();
	let hedmark: string;
	let varmland: string;
	let admin: string;

	beforeAll(async () => {
		hedmark = (await createCollaboration(sql(), { name: 'Hedmark IKT', legalForm: 'kommunalt_oppgavefellesskap', country: 'NO' }, null)).id;
		varmland = (await createCollaboration(sql(), { name: 'Värmland', legalForm: 'kommunalforbund', country: 'SE' }, null)).id;
		({ id: admin } = await first(sql()`insert into app_user (email, name) values ('admin@hedmark-ikt.no', 'Admin') returning id`));
	});

	const audits = (action: string, subjectId: string) =>
		sql()<{ actorId: string; collaborationId: string }[]>`
			select actor_id as "actorId", collaboration_id as "collaborationId" from audit_event where action = ${action} and subject_id = ${subjectId}`;

	it('adds a member keyed by national number, with membership, population and an audit row', async () => {
		const added = await addMember(
			sql(),
			hedmark,
			{ country: 'NO', nationalNumber: '3403', name: 'Hamar', validFrom: '2006-01-01', population: 31999, populationYear: 2024 },
			admin
		);
		expect(added.created).toBe(true);
		const municipality = await first(sql()`select national_number, name from municipality where id = ${added.municipalityId}`);
		expect(municipality).toEqual({ national_number: '3403', name: 'Hamar' });
		expect(await listMembers(sql(), hedmark)).toEqual([
			expect.objectContaining({
				nationalNumber: '3403',
				name: 'Hamar',
				validFrom: '2006-01-01',
				validTo: null,
				status: 'current',
				population: 31999,
				populationYear: 2024
			})
		]);
		expect(await audits('membership.added', added.municipalityId)).toEqual([{ actorId: admin, collaborationId: hedmark }]);
	});

	it('refuses the same number as a current member twice, and keeps the registered name', async () => {
		await expect(addMember(sql(), hedmark, { country: 'NO', nationalNumber: '3403', name: 'Hamar kommune', validFrom: '2020-01-01' }, admin)).rejects.toThrow(
			MembershipError
		);
		// Another collaboration may have it too, under the name already registered.
		const again = await addMember(sql(), varmland, { country: 'NO', nationalNumber: '3403', name: 'Hamar kommune', validFrom: '2020-01-01' }, admin);
		expect(again).toMatchObject({ created: false, name: 'Hamar' });
	});

	it('accepts two municipalities with the same name and different numbers', async () => {
		const nesA = await addMember(sql(), hedmark, { country: 'NO', nationalNumber: '3228', name: 'Nes', validFrom: '2011-01-01' }, admin);
		const nesB = await addMember(sql(), hedmark, { country: 'NO', nationalNumber: '3411', name: 'Nes', validFrom: '2011-01-01' }, admin);
		expect(nesA.municipalityId).not.toBe(nesB.municipalityId);
		expect((await listMembers(sql(), hedmark)).filter((m) => m.name === 'Nes').map((m) => m.nationalNumber)).toEqual(['3228', '3411']);
	});

	it('ends a membership, but not before it started, and lets the municipality join again later', async () => {
		const { membershipId, municipalityId } = await addMember(
			sql(),
			hedmark,
			{ country: 'NO', nationalNumber: '3417', name: 'Grue', validFrom: '2018-01-01' },
			admin
		);
		await expect(endMembership(sql(), hedmark, membershipId, '2017-12-31', admin)).rejects.toThrow(MembershipError);
		expect(await endMembership(sql(), hedmark, membershipId, '2022-12-31', admin)).toBe(true);
		expect(await audits('membership.ended', municipalityId)).toHaveLength(1);
		await expect(addMember(sql(), hedmark, { country: 'NO', nationalNumber: '3417', name: 'Grue', validFrom: '2022-06-01' }, admin)).rejects.toThrow(
			MembershipError
		);
		const rejoined = await addMember(sql(), hedmark, { country: 'NO', nationalNumber: '3417', name: 'Grue', validFrom: '2024-01-01' }, admin);
		const grue = (await listMembers(sql(), hedmark)).find((m) => m.municipalityId === municipalityId);
		expect(grue).toMatchObject({ membershipId: rejoined.membershipId, validFrom: '2024-01-01', status: 'current' });
		// the first period cannot be stretched over the second
		await expect(endMembership(sql(), hedmark, membershipId, '2024-06-30', admin)).rejects.toThrow(MembershipError);
	});

	it('sets the population of members only', async () => {
		const { municipalityId } = await addMember(sql(), hedmark, { country: 'NO', nationalNumber: '3415', name: 'Sør-Odal', validFrom: '2006-01-01' }, admin);
		expect(await setPopulation(sql(), hedmark, municipalityId, 2024, 7978, admin)).toBe(true);
		expect(await setPopulation(sql(), hedmark, municipalityId, 2024, 7980, admin)).toBe(true);
		expect(await first(sql()`select population from municipality_population where municipality_id = ${municipalityId} and year = 2024`)).toEqual({
			population: 7980
		});
		expect(await audits('population.set', municipalityId)).toHaveLength(2);
		const { id: outsider } = await first(sql()`insert into municipality (country, national_number, name) values ('NO', '3405', 'Lillehammer') returning id`);
		expect(await setPopulation(sql(), hedmark, outsider, 2024, 28000, admin)).toBe(false);
		expect(await sql()`select 1 from municipality_population where municipality_id = ${outsider}`).toHaveLength(0);
	});

	it('adds, refuses a duplicate key, archives and restores sectors', async () => {
		const sector = await addSector(
			sql(),
			hedmark,
			{ key: 'digitalisering', nb: 'Digitalisering', nn: null, sv: 'Digitalisering', en: 'Digitalisation' },
			admin
		);
		expect(sector.position).toBe(6); // after the six default sectors
		await expect(addSector(sql(), hedmark, { key: 'digitalisering', nb: 'Annet', nn: null, sv: 'Annat', en: 'Other' }, admin)).rejects.toThrow(
			SectorKeyTakenError
		);
		expect(await archiveSector(sql(), hedmark, sector.id, admin)).toBe(true);
		expect((await listSectors(sql(), hedmark)).map((s) => s.key)).not.toContain('digitalisering');
		expect((await listSectors(sql(), hedmark, { includeArchived: true })).find((s) => s.id === sector.id)?.archivedAt).toBeInstanceOf(Date);
		// an archived sector still holds its key
		await expect(addSector(sql(), hedmark, { key: 'digitalisering', nb: 'X', nn: null, sv: 'X', en: 'X' }, admin)).rejects.toThrow(SectorKeyTakenError);
		expect(await restoreSector(sql(), hedmark, sector.id, admin)).toBe(true);
		expect((await listSectors(sql(), hedmark)).map((s) => s.key)).toContain('digitalisering');
		expect(
			await updateSector(
				sql(),
				hedmark,
				sector.id,
				{ nb: 'Digital utvikling', nn: 'Digital utvikling og leiing', sv: 'Digital utveckling', en: 'Digital development', position: 1 },
				admin
			)
		).toBe(true);
		// a nynorsk name, where given, is what nynorsk readers see; without one they see the bokmål name
		expect((await listSectors(sql(), hedmark)).find((s) => s.id === sector.id)).toMatchObject({
			nn: 'Digital utvikling og leiing',
			nnGiven: 'Digital utvikling og leiing'
		});
		await updateSector(
			sql(),
			hedmark,
			sector.id,
			{ nb: 'Digital utvikling', nn: null, sv: 'Digital utveckling', en: 'Digital development', position: 1 },
			admin
		);
		expect((await listSectors(sql(), hedmark)).find((s) => s.id === sector.id)).toMatchObject({ nn: 'Digital utvikling', nnGiven: null });
		const actions = await sql()<{ action: string }[]>`select action from audit_event where subject_id = ${sector.id} order by id`;
		expect(actions.map((a) => a.action)).toEqual(['sector.added', 'sector.archived', 'sector.restored', 'sector.updated', 'sector.updated']);
	});

	it('changes nothing when given an id from another collaboration', async () => {
		const hamarInVarmland = (await listMembers(sql(), varmland))[0]!;
		const ownSector = (await listSectors(sql(), varmland))[0]!;
		const eventsBefore = await first(sql()<{ n: number }[]>`select count(*)::int as n from audit_event`);

		expect(await endMembership(sql(), hedmark, hamarInVarmland.membershipId, '2030-01-01', admin)).toBe(false);
		expect(await updateSector(sql(), hedmark, ownSector.id, { nb: 'Hacked', nn: null, sv: 'Hacked', en: 'Hacked', position: 0 }, admin)).toBe(false);
		expect(await archiveSector(sql(), hedmark, ownSector.id, admin)).toBe(false);
		expect(await restoreSector(sql(), hedmark, ownSector.id, admin)).toBe(false);
		// Grue was only ever a member of Hedmark IKT
		const grue = (await listMembers(sql(), hedmark)).find((m) => m.nationalNumber === '3417')!;
		expect(await setPopulation(sql(), varmland, grue.municipalityId, 2024, 4548, admin)).toBe(false);

		expect((await listMembers(sql(), varmland))[0]).toEqual(hamarInVarmland);
		expect((await listSectors(sql(), varmland))[0]).toEqual(ownSector);
		expect(await first(sql()<{ n: number }[]>`select count(*)::int as n from audit_event`)).toEqual(eventsBefore);
	});
});
