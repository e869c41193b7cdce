import { error, fail } from '@sveltejs/kit';
import { requirePermission } from '$lib/server/auth/guard';
import { currentMembers } from '$lib/server/collaborations/municipalities';
import { db } from '$lib/server/db';
import { translate } from '$lib/server/i18n';
import { sectorChange } from '$lib/server/initiatives/follow-up';
import { parseDetails, parseStatus } from '$lib/server/initiatives/form';
import {
	changeStatus,
	getInitiative,
	InitiativeError,
	initiativeHistory,
	possibleOwners,
	updateInitiative,
	type Initiative
} from '$lib/server/initiatives/initiatives';
import { latestDefinition } from '$lib/server/initiatives/instrument';
import { showInitiatives } from '$lib/server/initiatives/view';
import type { InitiativeScope } from '$lib/server/auth/access';
import type { RequestEvent } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';

const scopeOf = (i: Initiative): InitiativeScope =>
	i.scope === 'sector'
		? { scope: 'sector', municipalityId: i.municipalityId!, sectorId: i.sectorId! }
		: i.scope === 'municipality'
			? { scope: 'municipality', municipalityId: i.municipalityId! }
			: { scope: 'collaboration' };

/** One initiative with its status history; what the items it addresses did since last year, where the reader may see that. */
export const load: PageServerLoad = async (event) => {
	const { collaborationId, initiativeId } = event.params;
	const user = requirePermission(event, 'collaboration.view', { collaborationId });
	const sql = db();
	const locale = event.locals.locale;
	// Not found and not allowed look the same: an initiative's existence is not for everyone.
	const initiative = await getInitiative(sql, collaborationId, user, initiativeId);
	if (!initiative) error(403, translate(locale, 'initiative.error.forbidden'));
	const definition = await latestDefinition(sql, collaborationId);
	const [[shown], history, owners, members, change] = await Promise.all([
		showInitiatives(sql, collaborationId, user, [initiative], locale),
		initiativeHistory(sql, collaborationId, initiativeId),
		initiative.abilities.edit ? possibleOwners(sql, collaborationId, scopeOf(initiative)) : [],
		initiative.abilities.edit && initiative.scope === 'collaboration' ? currentMembers(sql, collaborationId) : [],
		initiative.scope === 'sector' ? sectorChange(sql, user, initiative) : null
	]);
	return {
		initiative: shown!,
		abilities: initiative.abilities,
		history,
		owners,
		members,
		change,
		dimensions: definition?.dimensions.map((d) => ({ key: d.key, title: d.title[locale] })) ?? [],
		items: definition?.items.map((i) => ({ key: i.key, dimension: i.dimension, text: i.text[locale] })) ?? [],
		levels: definition?.scoring.bands.map((b) => ({ level: b.level, label: b.label[locale] })) ?? []
	};
};

function refused(event: RequestEvent, e: unknown, values: Record<string, string>) {
	if (!(e instanceof InitiativeError)) throw e;
	if (e.reason === 'forbidden' || e.reason === 'not_found') error(403, translate(event.locals.locale, 'initiative.error.forbidden'));
	return fail(400, { errors: { form: `initiative.error.${e.reason}` as const }, values });
}

export const actions: Actions = {
	update: async (event) => {
		const { collaborationId, initiativeId } = event.params;
		const user = requirePermission(event, 'collaboration.view', { collaborationId });
		const current = await getInitiative(db(), collaborationId, user, initiativeId);
		if (!current?.abilities.edit) error(403, translate(event.locals.locale, 'initiative.error.forbidden'));
		const details = parseDetails(await event.request.formData());
		if (!details.ok) return fail(400, { errors: details.errors, values: details.values });
		try {
			await updateInitiative(db(), collaborationId, user, initiativeId, details.value);
		} catch (e) {
			return refused(event, e, {});
		}
		return { saved: true };
	},
	status: async (event) => {
		const { collaborationId, initiativeId } = event.params;
		const user = requirePermission(event, 'collaboration.view', { collaborationId });
		const current = await getInitiative(db(), collaborationId, user, initiativeId);
		if (!current?.abilities.status) error(403, translate(event.locals.locale, 'initiative.error.forbidden'));
		const parsed = parseStatus(await event.request.formData());
		if (!parsed.ok) return fail(400, { errors: parsed.errors, values: parsed.values });
		try {
			await changeStatus(db(), collaborationId, user, initiativeId, parsed.value.status, parsed.value.note);
		} catch (e) {
			return refused(event, e, parsed.ok ? {} : {});
		}
		return { saved: true };
	}
};
