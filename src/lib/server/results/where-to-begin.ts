import { sectorName } from '../collaborations/sectors';
import type { Locale } from '../../i18n';
import type { Db } from '../db/index';
import { levelReached } from '../scoring/score';
import type { Frame } from './queries';
import { shownScore } from './measures';

/**
 * "Where to begin" (docs/scoring.md): the weakest questions of each sector of a
 * municipality, from its submitted answers, never pooled across sectors (health care is
 * not compared with schools); for the municipality as a whole only questions that every
 * one of its answering sectors answered. Each with the level it has reached, what the
 * next level looks like, the instrument's advice and the don't-know rate. For those who
 * read the municipality's results (they are accountable for its sectors' answers).
 */
const PER_SECTOR = 3;

interface ItemRow {
	sectorId: string;
	sector: string;
	itemKey: string;
	mean: number | null;
	dontKnow: number;
	answers: number;
}

export async function whereToBegin(sql: Db, frame: Frame, roundId: string, municipalityId: string, locale: Locale) {
	const rows = await sql<ItemRow[]>`
		select a.sector_id as "sectorId", ${sectorName(sql, locale)} as sector, x.item_key as "itemKey",
			avg(x.value)::float8 as mean,
			count(*) filter (where x.kind = 'dont_know')::int as "dontKnow", count(*)::int as answers
		from assessment a
		join sector s on s.id = a.sector_id
		join response r on r.assessment_id = a.id and r.status = 'submitted'
		join answer x on x.response_id = r.id and x.kind is not null
		where a.round_id = ${roundId} and a.municipality_id = ${municipalityId}
		group by a.sector_id, ${sectorName(sql, locale)}, s.position, x.item_key
		order by s.position`;
	const describe = (itemKey: string, mean: number, dontKnow: number, answers: number) => {
		const item = frame.definition.items.find((i) => i.key === itemKey)!;
		// A scale item names the point reached and the next; a checklist or an amount has none.
		const level = levelReached(frame.definition.scoring, mean, item);
		const next = level === null ? undefined : item.levels?.[level];
		return {
			itemKey,
			text: item.text[locale],
			dimension: item.dimension,
			mean: shownScore(frame.definition.scoring, mean).score!,
			level,
			next: level !== null && next ? { level: level + 1, descriptor: next[locale] } : null,
			recommendation: level === null ? null : (item.recommendations?.[level - 1]?.[locale] ?? null),
			dontKnowRate: answers > 0 ? dontKnow / answers : 0
		};
	};
	const weakest = (items: { itemKey: string; mean: number; dontKnow: number; answers: number }[]) =>
		items
			.sort((a, b) => a.mean - b.mean || (a.itemKey < b.itemKey ? -1 : 1))
			.slice(0, PER_SECTOR)
			.map((i) => describe(i.itemKey, i.mean, i.dontKnow, i.answers));

	const sectors = [...new Map(rows.map((r) => [r.sectorId, r.sector])).entries()];
	const perSector = sectors.map(([sectorId, sector]) => ({
		sectorId,
		sector,
		items: weakest(rows.filter((r) => r.sectorId === sectorId && r.mean !== null).map((r) => ({ ...r, mean: r.mean! })))
	}));
	// The municipality as a whole: only items every answering sector has a mean for, as the mean of those sector means.
	const shared = frame.definition.items.flatMap((item) => {
		const of = sectors.map(([sectorId]) => rows.find((r) => r.sectorId === sectorId && r.itemKey === item.key));
		if (sectors.length < 2 || of.some((r) => r?.mean == null)) return [];
		return [
			{
				itemKey: item.key,
				mean: of.reduce((s, r) => s + r!.mean!, 0) / of.length,
				dontKnow: of.reduce((s, r) => s + r!.dontKnow, 0),
				answers: of.reduce((s, r) => s + r!.answers, 0)
			}
		];
	});
	return { perSector, municipality: weakest(shared) };
}
