import { error, fail } from '@sveltejs/kit';
import { z } from 'zod';
import { translate } from '$lib/server/i18n';
import { filterOf, holds } from '$lib/server/auth/access';
import { requireCoordination } from '$lib/server/auth/guard';
import { currentMembers, isMember } from '$lib/server/collaborations/municipalities';
import { db } from '$lib/server/db';
import { postedFields, msg, uuidField } from '$lib/server/forms';
import { frameOf, pickRound, resultRounds } from '$lib/server/results/queries';
import { listTargets, setTargets } from '$lib/server/results/targets';
import type { Actions, PageServerLoad } from './$types';

/** Targets: admins set the collaboration's minimum, coordinators their municipality's ambition. */
export const load: PageServerLoad = async (event) => {
	const collaborationId = event.params.collaborationId;
	const { abilities } = requireCoordination(event, collaborationId);
	const sql = db();
	const round = pickRound(await resultRounds(sql, collaborationId), null);
	const [frame, municipalities, targets] = await Promise.all([
		round ? frameOf(sql, round, event.locals.locale) : null,
		currentMembers(sql, collaborationId, filterOf(abilities.coordinates)),
		listTargets(sql, collaborationId)
	]);
	return { manage: abilities.manage, dimensions: frame?.dimensions ?? [], bands: frame?.bands ?? [], municipalities, targets };
};

const level = z.union([z.literal('').transform(() => null), z.coerce.number().int().min(1, msg('form.invalid')).max(5, msg('form.invalid'))]);
/** One group's form: whose targets, and `level.<dimension>` for each dimension shown. */
const targetsSchema = z.object({
	municipalityId: z.union([z.literal('').transform(() => null), uuidField]).default(null),
	levels: z.record(z.string().regex(/^[a-z][a-z0-9-]{0,39}$/, msg('form.invalid')), level)
});

export const actions: Actions = {
	/** Saves one group's targets, every dimension of it at once. */
	set: async (event) => {
		const collaborationId = event.params.collaborationId;
		const { user, abilities } = requireCoordination(event, collaborationId);
		const fields = await postedFields(event.request);
		const levels = Object.fromEntries(
			Object.entries(fields).flatMap(([name, value]) => (name.startsWith('level.') ? [[name.slice('level.'.length), value]] : []))
		);
		const parsed = targetsSchema.safeParse({ municipalityId: fields.municipalityId, levels });
		if (!parsed.success || Object.keys(parsed.data.levels).length === 0)
			return fail(400, { group: fields.municipalityId ?? '', message: 'form.invalid' as const });
		const { municipalityId } = parsed.data;
		if (!(municipalityId ? holds(abilities.coordinates, municipalityId) : abilities.manage)) error(403, translate(event.locals.locale, 'error.forbidden'));
		if (municipalityId && !(await isMember(db(), collaborationId, municipalityId)))
			return fail(404, { group: municipalityId, message: 'form.unknown_id' as const });
		const changed = await setTargets(db(), collaborationId, municipalityId, new Map(Object.entries(parsed.data.levels)), user.id);
		return { group: municipalityId ?? '', saved: true, changed };
	}
};
