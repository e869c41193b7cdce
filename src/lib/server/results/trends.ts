import type { Sql } from 'postgres';
import type { Locale } from '../../i18n';
import { othersHidden } from '../disclosure/members';
import type { HiddenReason } from '../disclosure/policy';
import { levelOf } from '../scoring/score';
import type { QuestionnaireDefinition } from '../questionnaires/schema';
import { trendSeries } from '../scoring/trend';
import type { Interval } from '../scoring/uncertainty';
import { definitionsOf, snapshotsData, type ResultRound } from './queries';
import { changeBetween, meanOf, measured, measuredRound, unmeasured, type Measured } from './measures';
import { currentSnapshots } from './snapshots';
import type { Viewer } from './pages';

/**
 * Year over year (BRIEF §5, docs/scoring.md): a municipality's or the collaboration's
 * score per dimension in each round, from each round's current snapshot. A line is drawn
 * only between rounds whose items compare (the questionnaire's crosswalk); at a series
 * break it stops and starts again and the point says why. A round still open gives a
 * provisional point, never joined by a line. A change is called out only where it exceeds
 * the noise of both years.
 */
export interface TrendPoint extends Measured {
	year: number;
	/** from a round still open: its numbers may still change */
	provisional: boolean;
	seriesBreak: boolean;
	changedItems: string[];
	rescoredItems: string[];
	/** against the previous point of the same series (none across a break) */
	change: { difference: number; clear: boolean } | null;
	/** hidden from this viewer (the collaboration's line for a member without names) */
	hidden: HiddenReason | null;
}

export interface Trend {
	dimension: string;
	points: TrendPoint[];
}

type Subject = { municipalityId: string } | { collaboration: Viewer };

/** A municipality's dimensions across the rounds. */
export function municipalityTrend(sql: Sql, municipalityId: string, rounds: readonly ResultRound[], locale: Locale): Promise<Trend[]> {
	return trend(sql, { municipalityId }, rounds, locale);
}

/** The collaboration's own line: the mean of its members per dimension, round by round. */
export function collaborationTrend(sql: Sql, viewer: Viewer, rounds: readonly ResultRound[], locale: Locale): Promise<Trend[]> {
	return trend(sql, { collaboration: viewer }, rounds, locale);
}

async function trend(sql: Sql, subject: Subject, rounds: readonly ResultRound[], locale: Locale): Promise<Trend[]> {
	const snapshots = await currentSnapshots(
		sql,
		rounds.map((r) => r.id)
	);
	const data = await snapshotsData(
		sql,
		[...snapshots.values()].map((s) => s.id),
		locale
	);
	const versions = await definitionsOf(sql, rounds);
	const perRound = rounds.flatMap((round) => {
		const snapshot = snapshots.get(round.id);
		if (!snapshot) return [];
		const definition = versions.get(round.versionId)!;
		const { assessments, cells } = data.get(snapshot.id)!;
		const measuredRoundData = measuredRound(definition.scoring, assessments, cells);
		const values = new Map(definition.dimensions.map((d) => [d.key, valueOf(subject, d.key, assessments, measuredRoundData)]));
		if ([...values.values()].every((v) => v.interval === null && v.hidden === null)) return [];
		return [{ round, snapshot, definition, values }];
	});
	const series = trendSeries(
		perRound.map(({ round, definition, values }) => ({
			year: round.year,
			slug: definition.slug,
			version: definition.version,
			scores: definition.dimensions.map((d) => {
				const score = values.get(d.key)!.interval?.score ?? null;
				return { dimension: d.key, score, level: levelOf(definition.scoring, score), coverage: 1, answeredItems: 0, totalItems: 0, dontKnowRate: 0 };
			})
		})),
		perRound.map((r) => r.definition)
	);
	return series.map(({ dimension, points }) => {
		const shown: TrendPoint[] = [];
		points.forEach((p, i) => {
			const { definition, snapshot, values } = perRound[i]!;
			const value = values.get(dimension)!;
			const m = value.hidden ? unmeasured : measured(definition.scoring, value.interval);
			const previous = shown.at(-1);
			shown.push({
				...m,
				year: p.year,
				provisional: !snapshot.final,
				seriesBreak: p.seriesBreak,
				changedItems: p.changedItems,
				rescoredItems: p.rescoredItems,
				change: previous && !p.seriesBreak ? changeBetween(previous, m) : null,
				hidden: value.hidden
			});
		});
		return { dimension, points: shown };
	});
}

function valueOf(
	subject: Subject,
	dimension: string,
	assessments: readonly { municipalityId: string }[],
	round: ReturnType<typeof measuredRound>
): { interval: Interval | null; hidden: HiddenReason | null } {
	if ('municipalityId' in subject) return { interval: round.member(subject.municipalityId, dimension), hidden: null };
	const scores = [...new Set(assessments.map((a) => a.municipalityId))].flatMap((m) => {
		const interval = round.member(m, dimension);
		return interval ? [{ municipalityId: m, score: interval.score, interval }] : [];
	});
	const hidden = othersHidden(subject.collaboration, scores, subject.collaboration.policy);
	return hidden ? { interval: null, hidden } : { interval: meanOf(scores.map((s) => s.interval)), hidden: null };
}

/** A dimension's change at one round against the point before it in its series. */
export type SinceLast =
	| { kind: 'change'; from: number; difference: number; clear: boolean }
	/** the items changed between the two rounds: no number compares */
	| { kind: 'break'; from: number; changedItems: number }
	/** no earlier point, or this one withheld or unmeasured */
	| null;

/** Per dimension, the change at `year` against the series' point before (the change column beside a round's scores). */
export function sinceLast(trends: readonly Trend[], year: number): Record<string, SinceLast> {
	return Object.fromEntries(
		trends.map(({ dimension, points }) => {
			const at = points.findIndex((p) => p.year === year);
			const before = at > 0 ? points[at - 1]! : null;
			const point = points[at];
			if (!point || !before || point.hidden) return [dimension, null];
			if (point.seriesBreak) return [dimension, { kind: 'break', from: before.year, changedItems: point.changedItems.length }];
			return [dimension, point.change ? { kind: 'change', from: before.year, ...point.change } : null];
		})
	);
}

/**
 * Where each round breaks the series against the collaboration's round before, per
 * dimension: what the questionnaire versions alone decide, whoever the subject.
 */
export function versionBreaks(rounds: readonly ResultRound[], versions: ReadonlyMap<string, QuestionnaireDefinition>) {
	const ordered = [...rounds].sort((a, b) => a.year - b.year);
	const series = trendSeries(
		ordered.map((round) => {
			const definition = versions.get(round.versionId)!;
			return {
				year: round.year,
				slug: definition.slug,
				version: definition.version,
				scores: definition.dimensions.map((d) => ({ dimension: d.key, score: 0, level: null, coverage: 1, answeredItems: 0, totalItems: 0, dontKnowRate: 0 }))
			};
		}),
		[...versions.values()]
	);
	const breaks = new Map<string, Map<string, { changedItems: string[]; rescoredItems: string[] }>>();
	for (const { dimension, points } of series) {
		for (const point of points) {
			if (!point.seriesBreak) continue;
			const round = ordered.find((r) => r.year === point.year)!;
			const byDimension = breaks.get(round.id) ?? new Map();
			byDimension.set(dimension, { changedItems: point.changedItems, rescoredItems: point.rescoredItems });
			breaks.set(round.id, byDimension);
		}
	}
	return breaks;
}
