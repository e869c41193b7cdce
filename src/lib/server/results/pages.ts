import type { Sql } from 'postgres';
import type { Locale } from '../../i18n';
import { sizeClasses, type SizeClass } from '../benchmarks/peers';
import { currentPublication, type Publication } from '../benchmarks/publications';
import { othersHidden, othersListHidden, type MemberViewer } from '../disclosure/members';
import { peerFigures, type PeerFigure, type PeerViewer } from '../disclosure/peers';
import type { HiddenReason, Policy } from '../disclosure/policy';
import { rankWithTies } from '../scoring/ranking';
import { meanWithDistribution } from '../scoring/score';
import { municipalitySizeClass, snapshotData, targets, type Frame, type ResultRound } from './queries';
import { changeBetween, meanOf, measured, measuredRound, shownScore, sumRespondents, unmeasured } from './measures';
import type { Snapshot } from './snapshots';

/**
 * The dashboards' page data, composed from a round snapshot (queries.ts) and the peer
 * publication, through the disclosure module: which members are named, whether the
 * others' distribution may be shown (disclosure/members.ts), which peer figures
 * (disclosure/peers.ts). Every score goes out through measures.ts: the one rounding
 * rule, its interval, and what it covers (docs/scoring.md).
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

/** The peer publication of the context's population, and what the viewer sees of it in their country. */
export async function peersOf(sql: Sql, c: Context, viewer: Viewer): Promise<{ publication: Publication | null; figures: PeerFigure[] }> {
	const publication = await currentPublication(sql, c.round.year, c.round.versionId);
	return { publication, figures: publication ? await peerFigures(sql, publication, viewer, viewer.policy, { country: c.country }) : [] };
}

export async function municipalityView(sql: Sql, c: Context, viewer: Viewer, municipalityId: string) {
	const rules = c.frame.definition.scoring;
	const [{ assessments, cells }, peers, sizeClass, allTargets] = await Promise.all([
		snapshotData(sql, c.snapshot.id, c.locale),
		peersOf(sql, c, viewer),
		municipalitySizeClass(sql, municipalityId, c.round.year),
		targets(sql, c.collaborationId, municipalityId)
	]);
	const round = measuredRound(rules, assessments, cells);
	const members = [...new Set(assessments.map((a) => a.municipalityId))];
	const dimensions = c.frame.dimensions.map((d) => {
		const memberScores = members.flatMap((m) => {
			const interval = round.member(m, d.key);
			return interval ? [{ municipalityId: m, score: interval.score, interval }] : [];
		});
		const hidden = othersHidden(viewer, memberScores, viewer.policy);
		const own = measured(rules, round.member(municipalityId, d.key));
		const collaborationMean = hidden ? unmeasured : measured(rules, meanOf(memberScores.map((m) => m.interval)));
		const peer = sizeClass ? (peers.figures.find((f) => f.kind === 'size' && f.group === sizeClass && f.dimension === d.key) ?? null) : null;
		const target = allTargets.find((t) => t.dimension === d.key);
		const goal = Math.max(target?.minimum ?? 0, target?.own ?? 0) || null;
		const ownCells = cells.filter((x) => x.municipalityId === municipalityId && x.dimension === d.key);
		return {
			key: d.key,
			title: d.title,
			...own,
			sectors: round.coverage(municipalityId, d.key),
			...round.answered(ownCells),
			collaborationMean,
			collaborationMedian: hidden ? null : shownScore(rules, meanWithDistribution(memberScores.map((m) => m.score))?.median ?? null).score,
			collaborationMembers: memberScores.length,
			collaborationHidden: hidden,
			versusCollaboration: hidden ? null : changeBetween(collaborationMean, own),
			peerMedian: peer?.median == null ? null : shownScore(rules, peer.median).score,
			peerOrganisations: peer?.organisations ?? 0,
			peerHidden: peer ? peer.hidden : null,
			minimum: target?.minimum ?? null,
			ambition: target?.own ?? null,
			/** the shown score minus the lower bound of the highest target level; negative: below target */
			gap: own.score !== null && goal !== null ? Math.round((own.score - bandFrom(c.frame, goal)!) * 10) / 10 : null
		};
	});
	const sectors = assessments.filter((a) => a.municipalityId === municipalityId);
	const heatmap = sectors.map((s) => ({
		sectorId: s.sectorId,
		sector: s.sector,
		status: s.status,
		respondents: s.respondents,
		cells: c.frame.dimensions.map((d) => {
			const m = measured(rules, round.intervals.get(`${s.assessmentId}:${d.key}`) ?? null);
			return { dimension: d.key, score: m.score, level: m.level, lower: m.lower, upper: m.upper, assessmentId: s.assessmentId };
		})
	}));
	return {
		sizeClass,
		dimensions,
		heatmap,
		peers: peerTable(
			rules,
			peers.figures,
			c.frame.dimensions.map((d) => d.key)
		),
		publication: peers.publication
	};
}

const bandFrom = (frame: Frame, level: number | null) => (level === null ? null : (frame.bands.find((b) => b.level === level)?.from ?? null));

/** Size classes × dimensions of the country, with the country's row; hidden cells carry their reason. */
export function peerTable(rules: Frame['definition']['scoring'], figures: readonly PeerFigure[], dimensions: readonly string[]) {
	const cell = (f: PeerFigure | undefined) =>
		f ? { organisations: f.organisations, mean: f.mean === null ? null : shownScore(rules, f.mean).score, hidden: f.hidden } : null;
	const bySize = figures.filter((f) => f.kind === 'size' && dimensions.includes(f.dimension));
	return {
		rows: sizeClasses.filter((size) => bySize.some((f) => f.group === size)),
		cells: bySize.map((f) => ({ sizeClass: f.group as SizeClass, dimension: f.dimension, ...cell(f)! })),
		totals: dimensions.map((dimension) => ({ dimension, ...cell(figures.find((f) => f.kind === 'country' && f.dimension === dimension)) }))
	};
}

/** Members × dimensions: named, or the viewer's own row named and the others anonymous, when they may be shown at all. */
export async function collaborationView(sql: Sql, c: Context, viewer: Viewer, filter: { sectorId?: string } = {}) {
	const rules = c.frame.definition.scoring;
	const [{ assessments, cells }, allTargets] = await Promise.all([snapshotData(sql, c.snapshot.id, c.locale, filter), targets(sql, c.collaborationId, null)]);
	const round = measuredRound(rules, assessments, cells);
	const members = [...new Map(assessments.map((a) => [a.municipalityId, a.municipality])).entries()];
	const byDimension = new Map(
		c.frame.dimensions.map((d) => {
			const scores = members.flatMap(([m]) => {
				const interval = round.member(m, d.key);
				return interval ? [{ municipalityId: m, score: interval.score, interval }] : [];
			});
			return [d.key, { scores, hidden: othersListHidden(viewer, scores, viewer.policy), summaryHidden: othersHidden(viewer, scores, viewer.policy) }] as const;
		})
	);
	const othersShown = [...byDimension.values()].some((x) => x.hidden === null);
	const rows = members
		.map(([municipalityId, name]) => {
			const own = viewer.ownMunicipalities.includes(municipalityId);
			const named = own || viewer.namesVisible;
			const dimensions = c.frame.dimensions.map((d) => {
				const hidden: HiddenReason | null = own ? null : byDimension.get(d.key)!.hidden;
				const interval = hidden ? null : (byDimension.get(d.key)!.scores.find((s) => s.municipalityId === municipalityId)?.interval ?? null);
				return { interval, hidden };
			});
			const overall = meanOf(dimensions.map((x) => x.interval));
			const mine = assessments.filter((a) => a.municipalityId === municipalityId);
			return {
				own,
				named,
				municipalityId: named ? municipalityId : null,
				name: named ? name : null,
				scores: dimensions.map((x) => ({ ...measured(rules, x.interval), hidden: x.hidden })),
				overall: measured(rules, overall),
				/** assessments with a score in some dimension, of the member's in the round */
				coverage: { scored: mine.filter((a) => cells.some((x) => x.assessmentId === a.assessmentId && x.score !== null)).length, total: mine.length },
				submitted: mine.filter((a) => a.status === 'submitted').length,
				total: mine.length
			};
		})
		.filter((r) => r.named || othersShown);
	// Named rows by name; anonymous ones by their overall score, so the order tells nothing else.
	rows.sort(
		(a, b) =>
			Number(b.own) - Number(a.own) || (a.named && b.named ? a.name!.localeCompare(b.name!, c.locale) : (b.overall.score ?? -1) - (a.overall.score ?? -1))
	);
	// Ranks that do not order what the noise cannot tell apart (docs/scoring.md, "Ties").
	const rankable = rows.filter((r) => r.overall.score !== null);
	const places = rankWithTies(rankable.map((r) => ({ score: r.overall.score!, se: r.overall.se! })));
	let anonymous = 0;
	const labelled = rows.map((r) => ({ ...r, label: r.named ? r.name! : `#${++anonymous}`, rank: places[rankable.indexOf(r)] ?? null }));
	const distribution = c.frame.dimensions.map((d, i) => {
		const { scores, hidden, summaryHidden } = byDimension.get(d.key)!;
		const all = meanWithDistribution(scores.map((s) => s.score));
		const quartiles = hidden ? null : all;
		const round1 = (x: number) => shownScore(rules, x).score!;
		const inDimension = cells.filter((x) => x.dimension === d.key);
		const minimum = allTargets.find((t) => t.dimension === d.key)?.minimum ?? null;
		return {
			key: d.key,
			title: d.title,
			organisations: scores.length,
			quartiles: quartiles && {
				...quartiles,
				min: round1(quartiles.min),
				q1: round1(quartiles.q1),
				median: round1(quartiles.median),
				q3: round1(quartiles.q3),
				max: round1(quartiles.max)
			},
			median: summaryHidden || !all ? null : round1(all.median),
			mean: summaryHidden ? unmeasured : measured(rules, meanOf(scores.map((s) => s.interval))),
			hidden,
			...(summaryHidden ? { dontKnowRate: null, respondents: null } : round.answered(inDimension)),
			minimum,
			/** named members below the collaboration's minimum level in the dimension (only where names are seen) */
			belowMinimum: minimum !== null && viewer.namesVisible ? scores.filter((s) => s.score < bandFrom(c.frame, minimum)!).length : null,
			you: labelled.filter((r) => r.own).map((r) => ({ label: r.name!, score: r.scores[i]!.score }))
		};
	});
	const scored = new Set(cells.filter((x) => x.score !== null).map((x) => x.assessmentId));
	return {
		rows: labelled,
		distribution,
		othersHidden: othersShown ? null : ([...byDimension.values()].find((x) => x.hidden !== null)?.hidden ?? null),
		totals: {
			organisations: new Set(assessments.filter((a) => scored.has(a.assessmentId)).map((a) => a.municipalityId)).size,
			members: members.length,
			assessments: assessments.length,
			scored: scored.size,
			respondents: sumRespondents(cells)
		}
	};
}
