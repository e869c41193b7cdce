/**
 * The peer groups of a publication (BRIEF §6), as plain data: municipalities by size
 * class within their country and by country, and sectors (by the catalogue's key) within
 * a country. A municipality is one organisation whatever number of collaborations it
 * belongs to: its unit is the mean of its sectors over all of them.
 */
import type { Statistic } from '../disclosure/audit';
import { meanWithDistribution } from '../scoring/score';
import type { SizeClass } from './peers';

export interface PeerUnit {
	municipalityId: string;
	/** '' for the municipality as a whole */
	sectorKey: string;
	dimension: string;
	country: string;
	/** for the municipality as a whole: its size class in the year (none without a population) */
	sizeClass: SizeClass | null;
	score: number;
}

export type PeerKind = 'size' | 'country' | 'sector';

export interface PeerGroup {
	key: string;
	kind: PeerKind;
	country: string;
	/** the size class, the country, or the sector key */
	group: string;
	dimension: string;
	units: PeerUnit[];
}

export function statisticKey(kind: PeerKind, country: string, group: string, dimension: string): string {
	return `${kind}:${country}:${group}:${dimension}`;
}

export function peerGroups(units: readonly PeerUnit[]): PeerGroup[] {
	const groups = new Map<string, PeerGroup>();
	const add = (kind: PeerKind, group: string, unit: PeerUnit) => {
		const key = statisticKey(kind, unit.country, group, unit.dimension);
		const found = groups.get(key) ?? { key, kind, country: unit.country, group, dimension: unit.dimension, units: [] };
		found.units.push(unit);
		groups.set(key, found);
	};
	for (const unit of units) {
		if (unit.sectorKey !== '') add('sector', unit.sectorKey, unit);
		else {
			add('country', unit.country, unit);
			if (unit.sizeClass) add('size', unit.sizeClass, unit);
		}
	}
	return [...groups.values()].sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
}

/** A group as the disclosure module sees it: organisations and their scores. */
export function asStatistic(group: PeerGroup): Statistic {
	return { key: group.key, units: group.units.map((u) => ({ organisation: organisationOf(u), value: u.score })) };
}

/** A municipality, or one sector of it. */
export function organisationOf(unit: Pick<PeerUnit, 'municipalityId' | 'sectorKey'>): string {
	return unit.sectorKey === '' ? unit.municipalityId : `${unit.municipalityId}/${unit.sectorKey}`;
}

export interface PeerSummary {
	organisations: number;
	mean: number;
	q1: number;
	median: number;
	q3: number;
}

export function summarise(group: PeerGroup): PeerSummary {
	const d = meanWithDistribution(group.units.map((u) => u.score))!;
	return { organisations: d.n, mean: d.mean, q1: d.q1, median: d.median, q3: d.q3 };
}
