import { error } from '@sveltejs/kit';
import { translate } from '$lib/server/i18n';
import { requirePermission } from '$lib/server/auth/guard';
import { db } from '$lib/server/db';
import { getVersion } from '$lib/server/questionnaires/versions';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	const { params, locals } = event;
	requirePermission(event, 'questionnaire.view');
	const version = Number(params.version);
	const definition = await getVersion(db(), params.slug, version);
	if (!definition) error(404, translate(locals.locale, 'error.not_found'));
	const previous = definition.crosswalk ? await getVersion(db(), params.slug, definition.crosswalk.previous) : null;
	const retired = previous?.items.filter((it) => definition.crosswalk?.items[it.key] === 'retired') ?? [];
	return { definition, retired };
};
