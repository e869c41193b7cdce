import type { Locale } from '../../i18n';
import type { Db } from '../db/index';
import { levelOf, meanWithDistribution } from '../scoring/score';
import {
	assessmentScores,
	memberDistribution,
	memberScores,
	municipalitySizeClass,
	peerFigures,
	peerTable,
	targets,
	type Frame,
	type ResultRound
} from './dashboards';

/**
 * The dashboards' page data, composed from the SQL aggregates in dashboards.ts. Who the
 * viewer is decides what is named: `namesVisible` (admins, the board, or a collaboration
 * that switched naming on) or only the viewer's own municipalities (BRIEF §6).
 */
export interface Viewer {
	namesVisible: boolean;
	ownMunicipalities: readonly string[];
	k: number;
}

export interface Context {
	collaborationId: string;
	country: string;
	round: ResultRound;
	frame: Frame;
	locale: Locale;
}

const bandFrom = (frame: Frame, level: number | null) => (level === null ? null : (frame.bands.find((b) => b.level === level)?.from ?? null));

export async function municipalityView(sql: Db, c: Context, viewer: Viewer, municipalityId: string) {
	const [members, distribution, cells, figures, sizeClass, allTargets, sectors] = await Promise.all([
		memberScores(sql, c.collaborationId, c.round.id),
		memberDistribution(sql, c.collaborationId, c.round.id),
		assessmentScores(sql, c.collaborationId, c.round.id, { municipalityId }),
		peerFigures(sql, c.round.year, c.country, viewer.k),
		municipalitySizeClass(sql, municipalityId, c.round.year),
		targets(sql, c.collaborationId, municipalityId),
		sql<{ id: string; name: string }[]>`
			select s.id, s.${sql(`name_${c.locale}`)} as name from assessment a join sector s on s.id = a.sector_id
			where a.round_id = ${c.round.id} and a.municipality_id = ${municipalityId} order by s.position, s.name_nb`
	]);
	const dimensions = c.frame.dimensions.map((d) => {
		const own = members.find((m) => m.municipalityId === municipalityId && m.dimension === d.key) ?? null;
		const collaboration = distribution.find((x) => x.dimension === d.key) ?? null;
		const collaborationShown = collaboration !== null && (viewer.namesVisible || collaboration.organisations >= viewer.k);
		const peer = sizeClass ? (figures.find((f) => f.kind === 'size' && f.group === sizeClass && f.dimension === d.key) ?? null) : null;
		const target = allTargets.find((t) => t.dimension === d.key);
		const score = own?.score ?? null;
		const goal = Math.max(target?.minimum ?? 0, target?.own ?? 0) || null;
		return {
			key: d.key,
			title: d.title,
			score,
			level: levelOf(c.frame.definition.scoring, score),
			sectors: own?.sectors ?? 0,
			min: own?.min ?? null,
			max: own?.max ?? null,
			collaborationMedian: collaborationShown ? collaboration!.median : null,
			collaborationMembers: collaboration?.organisations ?? 0,
			peerMedian: peer?.shown ? peer.median : null,
			peerOrganisations: peer?.organisations ?? 0,
			minimum: target?.minimum ?? null,
			ambition: target?.own ?? null,
			/** score minus the lower bound of the highest target level; negative: below target */
			gap: score !== null && goal !== null ? score - bandFrom(c.frame, goal)! : null
		};
	});
	const heatmap = sectors.map((s) => ({
		sectorId: s.id,
		sector: s.name,
		cells: c.frame.dimensions.map((d) => {
			const cell = cells.find((x) => x.sectorId === s.id && x.dimension === d.key);
			return { dimension: d.key, score: cell?.score ?? null, level: levelOf(c.frame.definition.scoring, cell?.score ?? null), assessmentId: cell?.assessmentId ?? null };
		})
	}));
	return { sizeClass, dimensions, heatmap, peers: peerTable(figures, c.frame.dimensions.map((d) => d.key), viewer.k) };
}

/** Members × dimensions: named, or the viewer's own row named and the others anonymous. */
export async function collaborationView(sql: Db, c: Context, viewer: Viewer, filter: { sectorId?: string } = {}) {
	const [members, completion] = await Promise.all([
		filter.sectorId
			? assessmentScores(sql, c.collaborationId, c.round.id, { sectorId: filter.sectorId }).then((cells) =>
					cells.flatMap((x) => (x.score === null ? [] : [{ municipalityId: x.municipalityId, dimension: x.dimension, score: x.score }]))
				)
			: memberScores(sql, c.collaborationId, c.round.id),
		sql<{ municipalityId: string; name: string; submitted: number; total: number }[]>`
			select a.municipality_id as "municipalityId", m.name,
				count(*) filter (where a.status = 'submitted')::int as submitted, count(*)::int as total
			from assessment a join municipality m on m.id = a.municipality_id
			where a.round_id = ${c.round.id} ${filter.sectorId ? sql`and a.sector_id = ${filter.sectorId}` : sql``}
			group by a.municipality_id, m.name`
	]);
	const rows = completion.map((m) => {
		const own = viewer.ownMunicipalities.includes(m.municipalityId);
		const scores = c.frame.dimensions.map((d) => members.find((x) => x.municipalityId === m.municipalityId && x.dimension === d.key)?.score ?? null);
		const known = scores.filter((s): s is number => s !== null);
		return {
			own,
			named: own || viewer.namesVisible,
			municipalityId: own || viewer.namesVisible ? m.municipalityId : null,
			name: own || viewer.namesVisible ? m.name : null,
			scores: scores.map((score) => ({ score, level: levelOf(c.frame.definition.scoring, score) })),
			overall: known.length ? known.reduce((a, b) => a + b, 0) / known.length : null,
			submitted: m.submitted,
			total: m.total
		};
	});
	// Named rows by name; anonymous ones by their overall score, so the order tells nothing else.
	rows.sort((a, b) => Number(b.own) - Number(a.own) || (a.named && b.named ? a.name!.localeCompare(b.name!, c.locale) : (b.overall ?? -1) - (a.overall ?? -1)));
	let anonymous = 0;
	const labelled = rows.map((r) => ({ ...r, label: r.named ? r.name! : `#${++anonymous}` }));
	const distribution = c.frame.dimensions.map((d, i) => {
		const values = rows.map((r) => r.scores[i]!.score).filter((s): s is number => s !== null);
		const shown = viewer.namesVisible || values.length >= viewer.k;
		return {
			key: d.key,
			title: d.title,
			organisations: values.length,
			quartiles: shown ? meanWithDistribution(values) : null,
			you: rows.filter((r) => r.own).map((r) => ({ label: r.name!, score: r.scores[i]!.score }))
		};
	});
	return { rows: labelled, distribution };
}
