import type { Sql } from 'postgres';
import { asStatistic, organisationOf, peerGroups, type PeerKind, type PeerUnit } from '../benchmarks/groups';
import { earlierPublications, publicationUnits, type Publication } from '../benchmarks/publications';
import type { Db } from '../db/index';
import { decide, isSensitive } from './decide';
import type { HiddenReason, Policy } from './policy';

/**
 * What a viewer sees of a peer publication: every peer number on pages, charts, exports
 * and the report comes through `peerFigures`.
 *
 * Knowledge is per collaboration: its people are taken to know the scores of all its
 * members (they sit on its board and forums), whatever their own role. A decision is made
 * for each collaboration the first time one of its people is shown the publication, from
 * this publication and every earlier one of the population shown to them, and kept. A
 * person in several collaborations knows more, so they see only what is decided visible
 * for each of their collaborations and for all of them together.
 */
export interface PeerViewer {
	collaborationIds: readonly string[];
}

export interface PeerFigure {
	kind: PeerKind;
	country: string;
	group: string;
	dimension: string;
	organisations: number;
	/** null where hidden */
	mean: number | null;
	q1: number | null;
	median: number | null;
	q3: number | null;
	hidden: HiddenReason | null;
}

export async function peerFigures(sql: Sql, publication: Publication, viewer: PeerViewer, policy: Policy, filter: { country: string }): Promise<PeerFigure[]> {
	const [decisions, rows] = await Promise.all([
		Promise.all(viewerKeys(viewer).map((key) => decision(sql, publication, key, policy))),
		sql<(Omit<PeerFigure, 'hidden'> & { key: string })[]>`
			select kind, country, grp as group, dimension, organisations, mean::float8 as mean, q1::float8 as q1, median::float8 as median, q3::float8 as q3,
				kind || ':' || country || ':' || grp || ':' || dimension as key
			from peer_statistic where publication_id = ${publication.id} and country = ${filter.country}`
	]);
	return rows.map(({ key, ...row }) => {
		const hidden = decisions.map((d) => d.get(key)).find((reason) => reason !== undefined) ?? null;
		return hidden ? { ...row, mean: null, q1: null, median: null, q3: null, hidden } : { ...row, hidden: null };
	});
}

/** One key per collaboration, and one for all of them together when there are several. */
function viewerKeys(viewer: PeerViewer): string[] {
	const ids = [...new Set(viewer.collaborationIds)].sort();
	return ids.length > 1 ? [...ids, ids.join(',')] : ids;
}

async function decision(sql: Sql, publication: Publication, viewer: string, policy: Policy): Promise<Map<string, HiddenReason>> {
	const stored = await storedDecision(sql, publication.id, viewer);
	if (stored) return stored;
	return sql.begin(async (tx) => {
		await tx`select pg_advisory_xact_lock(hashtext('peer_disclosure'), hashtext(${`${publication.id}:${viewer}`}))`;
		const again = await storedDecision(tx, publication.id, viewer);
		if (again) return again;
		const made = await makeDecision(tx, publication, viewer, policy);
		await tx`
			insert into peer_disclosure (publication_id, viewer, hidden, unprotectable)
			values (${publication.id}, ${viewer}, ${tx.json(Object.fromEntries(made.hidden))}, ${tx.json(made.unprotectable)})`;
		return made.hidden;
	});
}

async function storedDecision(sql: Db, publicationId: string, viewer: string): Promise<Map<string, HiddenReason> | null> {
	const [row] = await sql<{ hidden: Record<string, HiddenReason> }[]>`
		select hidden from peer_disclosure where publication_id = ${publicationId} and viewer = ${viewer}`;
	return row ? new Map(Object.entries(row.hidden)) : null;
}

async function makeDecision(tx: Db, publication: Publication, viewer: string, policy: Policy) {
	const collaborationIds = viewer.split(',');
	const earlier = (await earlierPublications(tx, publication)).map((p) => p.id);
	const shownBefore = await tx<{ publicationId: string; hidden: Record<string, HiddenReason> }[]>`
		select publication_id as "publicationId", hidden from peer_disclosure where viewer = ${viewer} and publication_id = any(${earlier}::uuid[])`;
	const units = await publicationUnits(tx, [publication.id, ...shownBefore.map((s) => s.publicationId)]);
	const known = new Set(
		(await tx<{ id: string }[]>`select distinct municipality_id as id from membership where collaboration_id = any(${collaborationIds}::uuid[])`).map(
			(r) => r.id
		)
	);
	return decidePublication({
		units: units.get(publication.id)!,
		shownBefore: shownBefore.map((s) => ({ units: units.get(s.publicationId)!, hidden: new Map(Object.entries(s.hidden)) })),
		knownMunicipalities: known,
		policy
	});
}

/**
 * The decision for one publication and one viewer, from its units, what was shown to the
 * viewer before (each earlier publication's units and its hidden keys), and the
 * municipalities the viewer knows. Dimensions are independent: each is decided alone.
 */
export async function decidePublication(input: {
	units: readonly PeerUnit[];
	shownBefore: readonly { units: readonly PeerUnit[]; hidden: ReadonlyMap<string, HiddenReason> }[];
	knownMunicipalities: ReadonlySet<string>;
	policy: Policy;
}): Promise<{ hidden: Map<string, HiddenReason>; unprotectable: string[] }> {
	const all = [input.units, ...input.shownBefore.map((s) => s.units)].flat();
	const known = new Set(all.filter((u) => input.knownMunicipalities.has(u.municipalityId)).map(organisationOf));
	const statistics = (list: readonly PeerUnit[], dimension: string) => peerGroups(list.filter((u) => u.dimension === dimension)).map(asStatistic);
	const hidden = new Map<string, HiddenReason>();
	const unprotectable: string[] = [];
	for (const dimension of [...new Set(all.map((u) => u.dimension))].sort()) {
		const before = input.shownBefore.flatMap((s) => statistics(s.units, dimension).map((stat) => ({ stat, reason: s.hidden.get(stat.key) })));
		const made = await decide({
			candidates: statistics(input.units, dimension),
			shown: { visible: before.filter((b) => !b.reason).map((b) => b.stat), sensitive: before.filter((b) => isSensitive(b.reason)).map((b) => b.stat) },
			known,
			policy: input.policy
		});
		for (const [key, reason] of made.hidden) hidden.set(key, reason);
		unprotectable.push(...made.unprotectable);
	}
	return { hidden, unprotectable };
}
