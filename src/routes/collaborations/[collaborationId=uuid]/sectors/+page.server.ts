import { fail } from '@sveltejs/kit';
import { z } from 'zod';
import { requirePermission } from '$lib/server/auth/guard';
import { addSector, archiveSector, listSectors, restoreSector, sectorKeyPattern, SectorKeyTakenError, updateSector } from '$lib/server/collaborations/sectors';
import { db } from '$lib/server/db';
import { fieldError, fieldErrors, postedFields, lineField, msg, uuidField } from '$lib/server/forms';
import type { Actions, PageServerLoad, RequestEvent } from './$types';

export const load: PageServerLoad = async (event) => {
	const collaborationId = event.params.collaborationId;
	requirePermission(event, 'collaboration.manage', { collaborationId });
	const sectors = await listSectors(db(), collaborationId, { includeArchived: true });
	return { active: sectors.filter((s) => !s.archivedAt), archived: sectors.filter((s) => s.archivedAt) };
};

const sectorName = lineField({ min: 1, max: 100 });
/** The nynorsk name is optional: left empty, nynorsk readers see the bokmål name. */
const optionalName = lineField({ max: 100 }).transform((name) => name || null);
const names = { nb: sectorName, nn: optionalName.optional().transform((name) => name ?? null), sv: sectorName, en: sectorName };
const addSchema = z.object({
	key: z.string(msg('sectors.key_invalid')).trim().toLowerCase().regex(sectorKeyPattern, msg('sectors.key_invalid')),
	...names
});
const updateSchema = z.object({
	sectorId: uuidField,
	position: z
		.string(msg('sectors.position_invalid'))
		.trim()
		.regex(/^[0-9]{1,3}$/, msg('sectors.position_invalid'))
		.transform(Number),
	...names
});
const idSchema = z.object({ sectorId: uuidField });

/** Archive and restore differ only in the call and the confirmation. */
async function setArchived(event: RequestEvent, action: 'archive' | 'restore') {
	const collaborationId = event.params.collaborationId;
	const user = requirePermission(event, 'collaboration.manage', { collaborationId });
	const parsed = idSchema.safeParse(await postedFields(event.request));
	if (!parsed.success) return fail(400, { action, message: 'form.unknown_id' as const });
	const change = action === 'archive' ? archiveSector : restoreSector;
	if (!(await change(db(), collaborationId, parsed.data.sectorId, user.id))) return fail(404, { action, message: 'form.unknown_id' as const });
	return { action, saved: action === 'archive' ? ('sectors.archived_done' as const) : ('sectors.restored_done' as const) };
}

export const actions: Actions = {
	add: async (event) => {
		const collaborationId = event.params.collaborationId;
		const user = requirePermission(event, 'collaboration.manage', { collaborationId });
		const fields = await postedFields(event.request);
		const parsed = addSchema.safeParse(fields);
		if (!parsed.success) return fail(400, { action: 'add', values: fields, errors: fieldErrors(parsed.error) });
		try {
			await addSector(db(), collaborationId, parsed.data, user.id);
		} catch (e) {
			if (!(e instanceof SectorKeyTakenError)) throw e;
			return fail(400, { action: 'add', values: fields, errors: fieldError('key', 'sectors.key_taken') });
		}
		return { action: 'add', saved: 'sectors.added' as const, params: { name: parsed.data[event.locals.locale === 'nn' ? 'nb' : event.locals.locale] } };
	},
	update: async (event) => {
		const collaborationId = event.params.collaborationId;
		const user = requirePermission(event, 'collaboration.manage', { collaborationId });
		const fields = await postedFields(event.request);
		const id = fields.sectorId;
		const parsed = updateSchema.safeParse(fields);
		if (!parsed.success) return fail(400, { action: 'update', id, values: fields, errors: fieldErrors(parsed.error) });
		const { sectorId, ...input } = parsed.data;
		if (!(await updateSector(db(), collaborationId, sectorId, input, user.id))) {
			return fail(404, { action: 'update', id, message: 'form.unknown_id' as const });
		}
		return { action: 'update', id, saved: 'sectors.updated' as const };
	},
	archive: (event) => setArchived(event, 'archive'),
	restore: (event) => setArchived(event, 'restore')
};
