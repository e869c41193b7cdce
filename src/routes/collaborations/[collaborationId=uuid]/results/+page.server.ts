import { can } from '$lib/server/auth/access';
import { activeSectors } from '$lib/server/collaborations/sectors';
import { db } from '$lib/server/db';
import { collaborationTrend } from '$lib/server/results/trends';
import { collaborationView } from '$lib/server/results/pages';
import { listInitiatives } from '$lib/server/initiatives/initiatives';
import { doneMovement, portfolio } from '$lib/server/initiatives/view';
import { pageFrame, resultsContext } from './context';
import type { PageServerLoad } from './$types';

/** The collaboration dashboard: members × dimensions, the distribution per dimension, completion. */
export const load: PageServerLoad = async (event) => {
	const collaborationId = event.params.collaborationId;
	const sql = db();
	// Independent reads go out together: each is a round trip on its own connection.
	const [{ context, viewer, rounds, scope, user, collaboration }, sectors] = await Promise.all([
		resultsContext(event),
		activeSectors(sql, collaborationId, event.locals.locale)
	]);
	// Which rows link to a municipality's own dashboard: those the viewer may read.
	const opened = (view: Awaited<ReturnType<typeof collaborationView>>) => ({
		...view,
		rows: view.rows.map((r) => ({
			...r,
			open: r.municipalityId !== null && can(user.grants, 'municipality.results', { collaborationId, municipalityId: r.municipalityId })
		}))
	});
	// The portfolio: the initiatives this reader shares, by dimension and status (issue 20),
	// read beside the results.
	const [[initiatives, movement], view, trend] = await Promise.all([
		listInitiatives(sql, collaborationId, user).then(async (list) => [list, await doneMovement(sql, user, list)] as const),
		context ? collaborationView(sql, context, viewer).then(opened) : null,
		collaborationTrend(sql, viewer, rounds, event.locals.locale)
	]);
	const dimensionTitle = (key: string) => context?.frame.definition.dimensions.find((d) => d.key === key)?.title[event.locals.locale] ?? key;
	return {
		portfolio: {
			rows: portfolio(initiatives).map((r) => ({ ...r, title: dimensionTitle(r.dimension) })),
			done: initiatives.filter((i) => i.status === 'done').map((i) => ({ id: i.id, title: i.title, movement: movement[i.id] ?? null }))
		},
		years: rounds.map((r) => r.year),
		frame: context ? pageFrame(context) : null,
		view,
		trend,
		/** what this reader sees of names, and why (BRIEF §6): the page says it in one sentence */
		naming: scope.all
			? collaboration.membersSeeNames
				? ('all_named' as const)
				: ('all_members_anonymous' as const)
			: collaboration.membersSeeNames
				? ('members_see_names' as const)
				: ('own_only' as const),
		k: viewer.policy.k,
		sectors,
		ownMunicipalities: scope.all ? null : scope.municipalities
	};
};
