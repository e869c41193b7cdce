import { error, fail, redirect } from '@sveltejs/kit';
import { mayPlanInitiative, type InitiativeScope } from '$lib/server/auth/access';
import { requirePermission } from '$lib/server/auth/guard';
import { currentMembers, memberName } from '$lib/server/collaborations/municipalities';
import { sectorOf } from '$lib/server/collaborations/sectors';
import { db } from '$lib/server/db';
import { translate } from '$lib/server/i18n';
import { parseDetails, parseScope } from '$lib/server/initiatives/form';
import { createInitiative, InitiativeError, possibleOwners } from '$lib/server/initiatives/initiatives';
import { latestDefinition } from '$lib/server/initiatives/instrument';
import { prefillFromDimension, prefillFromItem } from '$lib/server/initiatives/prefill';
import { formFields } from '$lib/server/forms';
import type { SessionUser } from '$lib/server/auth/session';
import type { Actions, PageServerLoad } from './$types';

/** Where the person plans unless the link says otherwise: their sector, else their municipality, else the collaboration. */
function defaultScope(user: SessionUser, collaborationId: string): InitiativeScope | null {
	const here = user.grants.filter((g) => g.collaborationId === collaborationId);
	const candidates: InitiativeScope[] = [
		{ scope: 'collaboration' },
		...here.flatMap((g): InitiativeScope[] => (g.municipalityId ? [{ scope: 'municipality', municipalityId: g.municipalityId }] : [])),
		...here.flatMap((g): InitiativeScope[] =>
			g.municipalityId && g.sectorId ? [{ scope: 'sector', municipalityId: g.municipalityId, sectorId: g.sectorId }] : []
		)
	];
	return candidates.find((c) => mayPlanInitiative(user.grants, collaborationId, c)) ?? null;
}

/**
 * A new initiative, pre-filled from where the need was seen: an item (where to begin, an
 * item's result: `item` and the `level` reached) or a dimension (a gap to a target).
 */
export const load: PageServerLoad = async (event) => {
	const collaborationId = event.params.collaborationId;
	const user = requirePermission(event, 'collaboration.view', { collaborationId });
	const query = Object.fromEntries(event.url.searchParams);
	const at = (query.scope ? parseScope(query) : null) ?? defaultScope(user, collaborationId);
	if (!at || !mayPlanInitiative(user.grants, collaborationId, at)) error(403, translate(event.locals.locale, 'initiative.error.forbidden'));
	const sql = db();
	const locale = event.locals.locale;
	const definition = await latestDefinition(sql, collaborationId);
	const level = /^[1-9]$/.test(query.level ?? '') ? Number(query.level) : null;
	const prefill = definition
		? query.item
			? prefillFromItem(definition, query.item, level, locale)
			: query.dimension
				? prefillFromDimension(definition, query.dimension, level, locale)
				: null
		: null;
	const [owners, municipality, sector, members] = await Promise.all([
		possibleOwners(sql, collaborationId, at),
		at.municipalityId ? memberName(sql, collaborationId, at.municipalityId) : null,
		at.sectorId ? sectorOf(sql, collaborationId, at.sectorId, locale) : null,
		at.scope === 'collaboration' ? currentMembers(sql, collaborationId) : []
	]);
	if (at.municipalityId && municipality === null) error(404);
	return {
		at,
		where: { municipality, sector: sector?.name ?? null },
		prefill,
		owners,
		members,
		dimensions: definition?.dimensions.map((d) => ({ key: d.key, title: d.title[locale] })) ?? [],
		items: definition?.items.map((i) => ({ key: i.key, dimension: i.dimension, text: i.text[locale] })) ?? [],
		levels: definition?.scoring.bands.map((b) => ({ level: b.level, label: b.label[locale] })) ?? []
	};
};

export const actions: Actions = {
	create: async (event) => {
		const collaborationId = event.params.collaborationId;
		const user = requirePermission(event, 'collaboration.view', { collaborationId });
		const form = await event.request.formData();
		const fields = formFields(form);
		const at = fields.scope ? parseScope(fields) : defaultScope(user, collaborationId);
		if (!at || !mayPlanInitiative(user.grants, collaborationId, at)) error(403, translate(event.locals.locale, 'initiative.error.forbidden'));
		const details = parseDetails(form);
		if (!details.ok) return fail(400, { errors: details.errors, values: details.values });
		let id: string;
		try {
			id = await createInitiative(db(), collaborationId, user, { ...details.value, at });
		} catch (e) {
			if (!(e instanceof InitiativeError)) throw e;
			if (e.reason === 'forbidden') error(403, translate(event.locals.locale, 'initiative.error.forbidden'));
			return fail(400, { errors: { form: `initiative.error.${e.reason}` as const }, values: fields });
		}
		redirect(303, `/collaborations/${collaborationId}/initiatives/${id}`);
	}
};
