import { error } from '@sveltejs/kit';
import { sectorOf } from '$lib/server/collaborations/sectors';
import { db } from '$lib/server/db';
import { collaborationView, peersOf } from '$lib/server/results/pages';
import { pageFrame, resultsContext } from '../../context';
import type { PageServerLoad } from './$types';

/** One sector across the members, by the same naming rule, with the platform's peers of that sector. */
export const load: PageServerLoad = async (event) => {
	const { context, rounds, viewer } = await resultsContext(event);
	const sql = db();
	const sector = await sectorOf(sql, event.params.collaborationId, event.params.sectorId, event.locals.locale);
	if (!sector) error(404);
	const peers = context ? (await peersOf(sql, context, viewer)).figures.filter((f) => f.kind === 'sector' && f.group === sector.key) : [];
	return {
		sector: { id: event.params.sectorId, name: sector.name },
		years: rounds.map((r) => r.year),
		frame: context ? pageFrame(context) : null,
		view: context ? await collaborationView(sql, context, viewer, { sectorId: event.params.sectorId }) : null,
		k: viewer.policy.k,
		peers
	};
};
