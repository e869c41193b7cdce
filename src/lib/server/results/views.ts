import type { Sql } from 'postgres';
import type { Locale } from '../../i18n';
import { sizeClasses, type SizeClass } from '../benchmarks/peers';
import { currentPublication, type Publication } from '../benchmarks/publications';
import { othersHidden, type MemberViewer } from '../disclosure/members';
import { peerFigures, type PeerFigure, type PeerViewer } from '../disclosure/peers';
import type { HiddenReason, Policy } from '../disclosure/policy';
import { levelOf, meanWithDistribution } from '../scoring/score';
import { trendSeries, type TrendSeries } from '../scoring/trend';
import {
	definitionsOf,
	memberScoresOf,
	municipalitySizeClass,
	snapshotCells,
	snapshotCompletion,
	targets,
	type Frame,
	type ResultRound
} from './dashboards';
import { currentSnapshots, type Snapshot } from './snapshots';

/**
 * The dashboards' page data, composed from a round snapshot (dashboards.ts) and the peer
 * publication, through the disclosure module: which members are named, whether the
 * others' distribution may be shown (disclosure/members.ts), which peer figures
 * (disclosure/peers.ts). Nothing here decides visibility on its own.
 */
export interface Viewer extends MemberViewer, PeerViewer {
	policy: Policy;
}

export interface Context {
	collaborationId: string;
	country: string;
	round: ResultRound;
	frame: Frame;
	locale: Locale;
	snapshot: Snapshot;
}

const bandFrom = (frame: Frame, level: number | null) => (level === null ? null : (frame.bands.find((b) => b.level === level)?.from ?? null));

/** The peer publication of the context's population, and what the viewer sees of it in their country. */
export async function peersOf(sql: Sql, c: Context, viewer: Viewer): Promise<{ publication: Publication | null; figures: PeerFigure[] }> {
	const publication = await currentPublication(sql, c.round.year, c.round.versionId);
	return { publication, figures: publication ? await peerFigures(sql, publication, viewer, viewer.policy, { country: c.country }) : [] };
}

export async function municipalityView(sql: Sql, c: Context, viewer: Viewer, municipalityId: string) {
	const [members, cells, peers, sizeClass, allTargets, sectors] = await Promise.all([
		memberScoresOf(sql, [c.snapshot.id]),
		snapshotCells(sql, c.snapshot.id, { municipalityId }),
		peersOf(sql, c, viewer),
		municipalitySizeClass(sql, municipalityId, c.round.year),
		targets(sql, c.collaborationId, municipalityId),
		sql<{ id: string; name: string }[]>`
			select s.id, s.${sql(`name_${c.locale}`)} as name from round_snapshot_assessment a join sector s on s.id = a.sector_id
			where a.snapshot_id = ${c.snapshot.id} and a.municipality_id = ${municipalityId} order by s.position, s.name_nb`
	]);
	const dimensions = c.frame.dimensions.map((d) => {
		const inDimension = members.filter((m) => m.dimension === d.key);
		const hidden = othersHidden(viewer, inDimension, viewer.policy);
		const collaboration = hidden ? null : meanWithDistribution(inDimension.map((m) => m.score));
		const own = cells.filter((x) => x.dimension === d.key && x.score !== null).map((x) => x.score!);
		const score = own.length ? own.reduce((a, b) => a + b, 0) / own.length : null;
		const peer = sizeClass ? (peers.figures.find((f) => f.kind === 'size' && f.group === sizeClass && f.dimension === d.key) ?? null) : null;
		const target = allTargets.find((t) => t.dimension === d.key);
		const goal = Math.max(target?.minimum ?? 0, target?.own ?? 0) || null;
		return {
			key: d.key,
			title: d.title,
			score,
			level: levelOf(c.frame.definition.scoring, score),
			sectors: own.length,
			min: own.length ? Math.min(...own) : null,
			max: own.length ? Math.max(...own) : null,
			collaborationMedian: collaboration?.median ?? null,
			collaborationMembers: inDimension.length,
			collaborationHidden: hidden,
			peerMedian: peer?.median ?? null,
			peerOrganisations: peer?.organisations ?? 0,
			peerHidden: peer ? peer.hidden : null,
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
	return { sizeClass, dimensions, heatmap, peers: peerTable(peers.figures, c.frame.dimensions.map((d) => d.key)), publication: peers.publication };
}

/** Size classes × dimensions of the country, with the country's row; hidden cells carry their reason. */
export function peerTable(figures: readonly PeerFigure[], dimensions: readonly string[]) {
	const cell = (f: PeerFigure | undefined) => (f ? { organisations: f.organisations, mean: f.mean, hidden: f.hidden } : null);
	const bySize = figures.filter((f) => f.kind === 'size' && dimensions.includes(f.dimension));
	return {
		rows: sizeClasses.filter((size) => bySize.some((f) => f.group === size)),
		cells: bySize.map((f) => ({ sizeClass: f.group as SizeClass, dimension: f.dimension, ...cell(f)! })),
		totals: dimensions.map((dimension) => ({ dimension, ...cell(figures.find((f) => f.kind === 'country' && f.dimension === dimension)) }))
	};
}

/** Members × dimensions: named, or the viewer's own row named and the others anonymous, when they may be shown at all. */
export async function collaborationView(sql: Sql, c: Context, viewer: Viewer, filter: { sectorId?: string } = {}) {
	const [cells, completion] = await Promise.all([
		filter.sectorId ? snapshotCells(sql, c.snapshot.id, { sectorId: filter.sectorId }) : memberScoresOf(sql, [c.snapshot.id]),
		snapshotCompletion(sql, c.snapshot.id, filter)
	]);
	const scores = cells.flatMap((x) => (x.score === null ? [] : [{ municipalityId: x.municipalityId, dimension: x.dimension, score: x.score }]));
	const hiddenIn = new Map<string, HiddenReason | null>(
		c.frame.dimensions.map((d) => [d.key, othersHidden(viewer, scores.filter((s) => s.dimension === d.key), viewer.policy)])
	);
	const othersShown = [...hiddenIn.values()].some((h) => h === null);
	const rows = completion
		.map((m) => {
			const own = viewer.ownMunicipalities.includes(m.municipalityId);
			const named = own || viewer.namesVisible;
			const values = c.frame.dimensions.map((d) => {
				const hidden = own ? null : hiddenIn.get(d.key)!;
				const score = hidden ? null : (scores.find((x) => x.municipalityId === m.municipalityId && x.dimension === d.key)?.score ?? null);
				return { score, level: levelOf(c.frame.definition.scoring, score), hidden };
			});
			const known = values.flatMap((v) => (v.score === null ? [] : [v.score]));
			return {
				own,
				named,
				municipalityId: named ? m.municipalityId : null,
				name: named ? m.name : null,
				scores: values,
				overall: known.length ? known.reduce((a, b) => a + b, 0) / known.length : null,
				submitted: m.submitted,
				total: m.total
			};
		})
		.filter((r) => r.named || othersShown);
	// Named rows by name; anonymous ones by their overall score, so the order tells nothing else.
	rows.sort((a, b) => Number(b.own) - Number(a.own) || (a.named && b.named ? a.name!.localeCompare(b.name!, c.locale) : (b.overall ?? -1) - (a.overall ?? -1)));
	let anonymous = 0;
	const labelled = rows.map((r) => ({ ...r, label: r.named ? r.name! : `#${++anonymous}` }));
	const distribution = c.frame.dimensions.map((d) => {
		const values = scores.filter((s) => s.dimension === d.key).map((s) => s.score);
		const hidden = hiddenIn.get(d.key)!;
		return {
			key: d.key,
			title: d.title,
			organisations: values.length,
			quartiles: hidden ? null : meanWithDistribution(values),
			hidden,
			you: labelled.filter((r) => r.own).map((r) => ({ label: r.name!, score: r.scores[c.frame.dimensions.indexOf(d)]!.score }))
		};
	});
	return { rows: labelled, distribution, othersHidden: othersShown ? null : ([...hiddenIn.values()].find((h) => h !== null) ?? null) };
}

/** A municipality's dimensions across the collaboration's rounds (each from its current snapshot), with series breaks (BRIEF §5). */
export async function municipalityTrend(sql: Sql, municipalityId: string, rounds: readonly ResultRound[]): Promise<TrendSeries[]> {
	const snapshots = await currentSnapshots(sql, rounds.map((r) => r.id));
	const rows = await memberScoresOf(sql, [...snapshots.values()].map((s) => s.id));
	const versions = await definitionsOf(sql, rounds);
	const scored = rounds.filter((r) => rows.some((row) => row.municipalityId === municipalityId && row.snapshotId === snapshots.get(r.id)?.id));
	return trendSeries(
		scored.map((round) => {
			const definition = versions.get(round.versionId)!;
			const snapshot = snapshots.get(round.id)!;
			return {
				year: round.year,
				version: definition.version,
				scores: definition.dimensions.map((d) => {
					const score = rows.find((row) => row.snapshotId === snapshot.id && row.municipalityId === municipalityId && row.dimension === d.key)?.score ?? null;
					return { dimension: d.key, score, level: levelOf(definition.scoring, score), coverage: 1, answeredItems: 0, totalItems: 0, dontKnowRate: 0 };
				})
			};
		}),
		[...versions.values()]
	);
}
