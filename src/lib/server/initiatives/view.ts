import type { Locale } from '../../i18n';
import { abilitiesFor } from '../auth/access';
import type { Db } from '../db/index';
import { addressed, sectorItemChanges } from './follow-up';
import { statuses, type Initiative, type InitiativeStatus, type Viewer } from './initiatives';

/**
 * Initiatives as a page shows them: where they belong by name, and who takes part in a
 * joint one by name only where the reader may see members by name (the collaboration's
 * admins and board, a board decision to name members, or the reader's own
 * municipalities); otherwise as a count, like the anonymous distribution.
 */
export interface ShownInitiative extends Omit<Initiative, 'participants'> {
	municipality: string | null;
	sector: string | null;
	participants: { named: string[]; others: number };
}

export async function showInitiatives(sql: Db, collaborationId: string, viewer: Viewer, list: Initiative[], locale: Locale): Promise<ShownInitiative[]> {
	const ids = [...new Set(list.flatMap((i) => [i.municipalityId, ...i.participants].filter((m): m is string => m !== null)))];
	const sectorIds = [...new Set(list.flatMap((i) => (i.sectorId ? [i.sectorId] : [])))];
	const [municipalities, sectors, [collaboration]] = await Promise.all([
		ids.length ? sql<{ id: string; name: string }[]>`select id, name from municipality where id = any(${ids}::uuid[])` : [],
		sectorIds.length ? sql<{ id: string; name: string }[]>`select id, ${sql(`name_${locale}`)} as name from sector where id = any(${sectorIds}::uuid[])` : [],
		sql<{ named: boolean }[]>`select members_see_names as named from collaboration where id = ${collaborationId}`
	]);
	const name = (id: string | null) => (id ? (municipalities.find((m) => m.id === id)?.name ?? null) : null);
	const own = new Set(viewer.grants.flatMap((g) => (g.collaborationId === collaborationId && g.municipalityId ? [g.municipalityId] : [])));
	const allNamed = abilitiesFor(viewer.grants, collaborationId).readsCollaborationResults || Boolean(collaboration?.named);
	return list.map((i) => {
		const named = i.participants.filter((p) => allNamed || own.has(p));
		return {
			...i,
			municipality: name(i.municipalityId),
			sector: sectors.find((s) => s.id === i.sectorId)?.name ?? null,
			participants: { named: named.map((p) => name(p) ?? '').sort((a, b) => a.localeCompare(b, locale)), others: i.participants.length - named.length }
		};
	});
}

/** The portfolio: how many initiatives address each dimension, by status. */
export function portfolio(list: Pick<Initiative, 'itemKeys' | 'dimensions' | 'status'>[]): { dimension: string; counts: Record<InitiativeStatus, number> }[] {
	const byDimension = new Map<string, Record<InitiativeStatus, number>>();
	for (const i of list) {
		const dimensions = new Set([...i.dimensions, ...i.itemKeys.map((k) => k.split('.')[0]!)]);
		for (const d of dimensions) {
			const counts = byDimension.get(d) ?? (Object.fromEntries(statuses.map((s) => [s, 0])) as Record<InitiativeStatus, number>);
			counts[i.status]++;
			byDimension.set(d, counts);
		}
	}
	return [...byDimension.entries()].map(([dimension, counts]) => ({ dimension, counts }));
}

export type Movement = 'up' | 'same' | 'down';

/**
 * For done initiatives of a sector: whether the items they addressed moved, as the sum of
 * the changes the reader may see (sectorChange, through the disclosure rules); null where
 * nothing is shown. Joint and municipality initiatives get none: they would show members' numbers.
 */
export async function doneMovement(sql: Db, viewer: Viewer, list: Initiative[]): Promise<Record<string, Movement | null>> {
	const done = list.filter((x) => x.status === 'done' && x.scope === 'sector');
	// Many initiatives share a sector: each sector's changes are read once, the sectors side by side.
	const sectors = [...new Set(done.map((i) => `${i.municipalityId}/${i.sectorId}`))];
	const changes = new Map(
		await Promise.all(
			sectors.map(async (key) => {
				const [municipalityId, sectorId] = key.split('/');
				return [
					key,
					await sectorItemChanges(sql, viewer, { collaborationId: done[0]!.collaborationId, municipalityId: municipalityId!, sectorId: sectorId! })
				] as const;
			})
		)
	);
	const out: Record<string, Movement | null> = {};
	for (const i of done) {
		const sector = changes.get(`${i.municipalityId}/${i.sectorId}`);
		const moved = sector ? addressed(sector, i).flatMap((c) => (c.change === null ? [] : [c.change])) : [];
		const sum = moved.reduce((a, b) => a + b, 0);
		out[i.id] = moved.length === 0 ? null : sum > 0 ? 'up' : sum < 0 ? 'down' : 'same';
	}
	return out;
}
