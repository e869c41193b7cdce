import { error, fail } from '@sveltejs/kit';
import { z } from 'zod';
import { translate } from '$lib/server/i18n';
import { can, coordinatedMunicipalities } from '$lib/server/auth/access';
import { requireCoordination } from '$lib/server/auth/guard';
import { db } from '$lib/server/db';
import { formFields, msg, uuidField } from '$lib/server/forms';
import { frameOf, pickRound, resultRounds } from '$lib/server/results/dashboards';
import { setTarget } from '$lib/server/results/targets';
import type { Actions, PageServerLoad, RequestEvent } from './$types';

/** Targets: admins set the collaboration's minimum, coordinators their municipality's ambition. */
async function targetScope(event: Pick<RequestEvent, 'locals' | 'url' | 'params'>) {
	const collaborationId = event.params.collaborationId;
	return { ...requireCoordination(event, collaborationId), collaborationId };
}

export const load: PageServerLoad = async (event) => {
	const { collaborationId, follows } = await targetScope(event);
	const sql = db();
	const round = pickRound(await resultRounds(sql, collaborationId), null);
	const frame = round ? await frameOf(sql, round, event.locals.locale) : null;
	const municipalities = await sql<{ id: string; name: string }[]>`
		select distinct m.id, m.name from membership ms join municipality m on m.id = ms.municipality_id
		where ms.collaboration_id = ${collaborationId} ${follows === 'all' ? sql`` : sql`and m.id = any(${follows}::uuid[])`}
		order by m.name`;
	const targets = await sql<{ municipalityId: string | null; dimension: string; level: number }[]>`
		select municipality_id as "municipalityId", dimension, level from target where collaboration_id = ${collaborationId}`;
	return {
		manage: follows === 'all',
		dimensions: frame?.dimensions ?? [],
		bands: frame?.bands ?? [],
		municipalities,
		targets
	};
};

const targetSchema = z.object({
	municipalityId: z.union([z.literal('').transform(() => null), uuidField]).default(null),
	dimension: z.string().regex(/^[a-z][a-z0-9-]{0,39}$/, msg('form.invalid')),
	level: z.union([z.literal('').transform(() => null), z.coerce.number().int().min(1, msg('form.invalid')).max(5, msg('form.invalid'))])
});

export const actions: Actions = {
	set: async (event) => {
		const { user, collaborationId } = await targetScope(event);
		const parsed = targetSchema.safeParse(formFields(await event.request.formData()));
		if (!parsed.success) return fail(400, { message: 'form.invalid' as const });
		const { municipalityId } = parsed.data;
		const allowed = municipalityId
			? can(user.grants, 'municipality.coordinate', { collaborationId, municipalityId })
			: can(user.grants, 'collaboration.manage', { collaborationId }) && coordinatedMunicipalities(user.grants, collaborationId) === 'all';
		if (!allowed) error(403, translate(event.locals.locale, 'error.forbidden'));
		if (municipalityId) {
			const [member] = await db()`select 1 from membership where collaboration_id = ${collaborationId} and municipality_id = ${municipalityId}`;
			if (!member) return fail(404, { message: 'form.unknown_id' as const });
		}
		await setTarget(db(), collaborationId, parsed.data, user.id);
		return { saved: true };
	}
};
