import type { Sql } from 'postgres';
import type { Locale } from '../../i18n';
import { audit } from '../audit';
import type { Db } from '../db/index';

/**
 * A sector's name in the reader's language, as SQL (the table `alias` holds the sector): the
 * one place that picks the column. A nynorsk name is optional; without one, the bokmål name.
 */
export const sectorName = (sql: Db, locale: Locale, alias = 's') =>
	locale === 'nn' ? sql`coalesce(${sql(alias)}.name_nn, ${sql(alias)}.name_nb)` : sql`${sql(alias)}.${sql(`name_${locale}`)}`;

/** The collaboration's active sectors with their names in `locale`, in their order. */
export async function activeSectors(sql: Db, collaborationId: string, locale: Locale): Promise<{ id: string; key: string; name: string }[]> {
	return sql`
		select s.id, s.key, ${sectorName(sql, locale)} as name from sector s
		where s.collaboration_id = ${collaborationId} and s.archived_at is null order by s.position, s.name_nb`;
}

/** One of the collaboration's sectors (archived ones too), or null. */
export async function sectorOf(sql: Db, collaborationId: string, sectorId: string, locale: Locale): Promise<{ key: string; name: string } | null> {
	const [row] = await sql<{ key: string; name: string }[]>`
		select s.key, ${sectorName(sql, locale)} as name from sector s where s.id = ${sectorId} and s.collaboration_id = ${collaborationId}`;
	return row ?? null;
}

export interface Sector {
	id: string;
	key: string;
	nb: string;
	/** the nynorsk name, or the bokmål one where none is given */
	nn: string;
	/** the nynorsk name as given, null where the collaboration gave none (the edit form shows this) */
	nnGiven: string | null;
	sv: string;
	en: string;
	/** sentral ledelse: the municipality as a whole, answered like a sector */
	wholeMunicipality: boolean;
	position: number;
	archivedAt: Date | null;
}

export interface SectorNames {
	nb: string;
	/** optional: without it nynorsk readers see the bokmål name */
	nn: string | null;
	sv: string;
	en: string;
}

/** The key is a sector's stable id in exports and URLs: lower-case kebab, as the schema checks. */
export const sectorKeyPattern = /^[a-z0-9][a-z0-9-]{0,39}$/;

export class SectorKeyTakenError extends Error {}

const columns = (sql: Db) => sql`
	id, key, name_nb as nb, coalesce(name_nn, name_nb) as nn, name_nn as "nnGiven", name_sv as sv, name_en as en, whole_municipality as "wholeMunicipality", position, archived_at as "archivedAt"`;

/** Every query below names the collaboration, so an id from another one matches nothing. */
export async function listSectors(sql: Db, collaborationId: string, { includeArchived = false } = {}): Promise<Sector[]> {
	return sql<Sector[]>`
		select ${columns(sql)} from sector
		where collaboration_id = ${collaborationId} ${includeArchived ? sql`` : sql`and archived_at is null`}
		order by position, name_nb`;
}

/** Adds a sector at the end of the list. Throws SectorKeyTakenError when the key is in use, archived sectors included. */
export async function addSector(sql: Sql, collaborationId: string, input: { key: string } & SectorNames, actorId: string | null): Promise<Sector> {
	return sql.begin(async (tx) => {
		const [sector] = await tx<Sector[]>`
			insert into sector (collaboration_id, key, name_nb, name_nn, name_sv, name_en, position)
			select ${collaborationId}, ${input.key}, ${input.nb}, ${input.nn}, ${input.sv}, ${input.en}, coalesce(max(position) + 1, 0)
			from sector where collaboration_id = ${collaborationId}
			on conflict (collaboration_id, key) do nothing
			returning ${columns(tx)}`;
		if (!sector) throw new SectorKeyTakenError(input.key);
		await audit(tx, { action: 'sector.added', actorId, collaborationId, subjectType: 'sector', subjectId: sector.id, detail: { ...input } });
		return sector;
	});
}

/** Renames or moves a sector; its key stays. False when it is not one of this collaboration's. */
export async function updateSector(
	sql: Sql,
	collaborationId: string,
	sectorId: string,
	input: SectorNames & { position: number },
	actorId: string | null
): Promise<boolean> {
	return sql.begin(async (tx) => {
		const [before] = await tx<Sector[]>`
			select ${columns(tx)} from sector where id = ${sectorId} and collaboration_id = ${collaborationId} for update`;
		if (!before) return false;
		await tx`
			update sector set name_nb = ${input.nb}, name_nn = ${input.nn}, name_sv = ${input.sv}, name_en = ${input.en}, position = ${input.position}
			where id = ${sectorId} and collaboration_id = ${collaborationId}`;
		await audit(tx, {
			action: 'sector.updated',
			actorId,
			collaborationId,
			subjectType: 'sector',
			subjectId: sectorId,
			detail: { key: before.key, before: { nb: before.nb, nn: before.nnGiven, sv: before.sv, en: before.en, position: before.position }, after: input }
		});
		return true;
	});
}

/**
 * Archiving hides a sector from new rounds and grants but keeps it, with its past
 * assessments; restoring brings it back. False when it is not one of this collaboration's.
 */
export function archiveSector(sql: Sql, collaborationId: string, sectorId: string, actorId: string | null): Promise<boolean> {
	return setArchived(sql, collaborationId, sectorId, true, actorId);
}

export function restoreSector(sql: Sql, collaborationId: string, sectorId: string, actorId: string | null): Promise<boolean> {
	return setArchived(sql, collaborationId, sectorId, false, actorId);
}

async function setArchived(sql: Sql, collaborationId: string, sectorId: string, archived: boolean, actorId: string | null): Promise<boolean> {
	return sql.begin(async (tx) => {
		const [sector] = await tx<{ key: string; archived: boolean }[]>`
			select key, archived_at is not null as archived from sector
			where id = ${sectorId} and collaboration_id = ${collaborationId} for update`;
		if (!sector) return false;
		// Archiving twice (two tabs, a double click) is not an error, and not a second event.
		if (sector.archived === archived) return true;
		await tx`
			update sector set archived_at = ${archived ? tx`now()` : null}
			where id = ${sectorId} and collaboration_id = ${collaborationId}`;
		await audit(tx, {
			action: archived ? 'sector.archived' : 'sector.restored',
			actorId,
			collaborationId,
			subjectType: 'sector',
			subjectId: sectorId,
			detail: { key: sector.key }
		});
		return true;
	});
}
