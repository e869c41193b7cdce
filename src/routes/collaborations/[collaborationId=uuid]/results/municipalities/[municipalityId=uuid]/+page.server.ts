import { error } from '@sveltejs/kit';
import { requirePermission } from '$lib/server/auth/guard';
import { memberName } from '$lib/server/collaborations/municipalities';
import { activeSectors } from '$lib/server/collaborations/sectors';
import { db } from '$lib/server/db';
import { collaborationTrend, municipalityTrend, sinceLast } from '$lib/server/results/trends';
import { municipalityView } from '$lib/server/results/pages';
import { whereToBegin } from '$lib/server/results/where-to-begin';
import { listInitiatives } from '$lib/server/initiatives/initiatives';
import { pageFrame, resultsContext } from '../../context';
import type { PageServerLoad } from './$types';

/** A municipality's dashboard: its dimensions against the collaboration and its peers, sectors, trend, targets. */
export const load: PageServerLoad = async (event) => {
	const { collaborationId, municipalityId } = event.params;
	const user = requirePermission(event, 'municipality.results', { collaborationId, municipalityId });
	const sql = db();
	// Independent reads go out together: each is a round trip on its own connection.
	const [{ context, rounds, viewer }, name] = await Promise.all([resultsContext(event), memberName(sql, collaborationId, municipalityId)]);
	if (name === null) error(404);
	const [view, trend, collaborationLine, begin, initiatives, sectors] = await Promise.all([
		context ? municipalityView(sql, context, viewer, municipalityId) : null,
		municipalityTrend(sql, municipalityId, rounds, event.locals.locale),
		// beside the municipality's own line, through the same disclosure rules as the dashboard's
		collaborationTrend(sql, viewer, rounds, event.locals.locale),
		context ? whereToBegin(sql, context.frame, context.round.id, municipalityId, event.locals.locale) : null,
		listInitiatives(sql, collaborationId, user),
		activeSectors(sql, collaborationId, event.locals.locale)
	]);
	const sectorNames = new Map(sectors.map((s) => [s.id, s.name]));
	return {
		municipality: { id: municipalityId, name },
		years: rounds.map((r) => r.year),
		frame: context ? pageFrame(context) : null,
		view,
		trend,
		/** per dimension, the collaboration's points this viewer may see (a hidden point has no score) */
		collaborationTrend: Object.fromEntries(
			collaborationLine.map((t) => [
				t.dimension,
				t.points.map((p) => ({ year: p.year, score: p.hidden ? null : p.score, provisional: p.provisional, seriesBreak: p.seriesBreak }))
			])
		),
		sinceLast: context ? sinceLast(trend, context.round.year) : {},
		begin,
		// the municipality's own initiatives, its sectors', and the joint ones it takes part in (issue 20)
		initiatives: initiatives
			.filter(
				(i) => i.municipalityId === municipalityId || (i.scope === 'collaboration' && (i.participants.length === 0 || i.participants.includes(municipalityId)))
			)
			// only what the table shows: a joint initiative's other members stay off the page
			.map((i) => ({
				id: i.id,
				title: i.title,
				scope: i.scope,
				ownerName: i.ownerName,
				dueOn: i.dueOn,
				status: i.status,
				overdue: i.overdue,
				sector: i.sectorId ? (sectorNames.get(i.sectorId) ?? null) : null
			})),
		printedAt: new Date(),
		k: viewer.policy.k
	};
};
