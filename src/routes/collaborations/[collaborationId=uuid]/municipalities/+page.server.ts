import { fail } from '@sveltejs/kit';
import { z } from 'zod';
import type { MessageKey } from '$lib/i18n';
import { requirePermission } from '$lib/server/auth/guard';
import { addMember, endMembership, listMembers, MembershipError, setPopulation } from '$lib/server/collaborations/municipalities';
import { dayIn, timeZoneOf } from '$lib/server/calendar';
import { getCollaboration } from '$lib/server/collaborations/collaborations';
import { db } from '$lib/server/db';
import { fieldError, fieldErrors, postedFields, msg, nameField, uuidField } from '$lib/server/forms';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	const collaborationId = event.params.collaborationId;
	requirePermission(event, 'collaboration.manage', { collaborationId });
	// Defaults for the date and year fields, in the collaboration's own time zone.
	const { country } = (await getCollaboration(db(), collaborationId))!;
	const today = dayIn(timeZoneOf(country));
	return { members: await listMembers(db(), collaborationId), today, thisYear: Number(today.slice(0, 4)) };
};

const dateField = z.iso.date(msg('municipalities.date_invalid'));
/** A whole number as people type it: "31 999" is fine. */
const wholeNumber = (min: number, max: number, key: MessageKey) =>
	z
		.string(msg(key))
		.transform((s) => s.replace(/\s/g, ''))
		.refine((s) => /^\d{1,9}$/.test(s) && Number(s) >= min && Number(s) <= max, msg(key))
		.transform(Number);
const blankAsMissing = (v: unknown) => (typeof v === 'string' && v.trim() === '' ? undefined : v);
const population = wholeNumber(0, 10_000_000, 'municipalities.population_invalid');
const year = wholeNumber(1900, 2200, 'municipalities.year_invalid');

const addSchema = z
	.object({
		country: z.enum(['NO', 'SE'], msg('form.invalid')),
		nationalNumber: z
			.string(msg('municipalities.number_invalid'))
			.trim()
			.regex(/^[0-9]{4}$/, msg('municipalities.number_invalid')),
		name: nameField,
		validFrom: dateField,
		population: z.preprocess(blankAsMissing, population.optional()),
		populationYear: z.preprocess(blankAsMissing, year.optional())
	})
	.refine((v) => v.population === undefined || v.populationYear !== undefined, { path: ['populationYear'], ...msg('municipalities.year_required') });
const endSchema = z.object({ membershipId: uuidField, validTo: dateField });
const populationSchema = z.object({ municipalityId: uuidField, year, population });

const membershipMessages: Record<MembershipError['reason'], MessageKey> = {
	already_member: 'municipalities.already_member',
	ends_before_start: 'municipalities.ends_before_start',
	overlaps_later: 'municipalities.overlaps_later'
};

export const actions: Actions = {
	add: async (event) => {
		const collaborationId = event.params.collaborationId;
		const user = requirePermission(event, 'collaboration.manage', { collaborationId });
		const fields = await postedFields(event.request);
		const parsed = addSchema.safeParse(fields);
		if (!parsed.success) return fail(400, { action: 'add', values: fields, errors: fieldErrors(parsed.error) });
		try {
			const added = await addMember(db(), collaborationId, parsed.data, user.id);
			const renamed = added.name !== parsed.data.name;
			return {
				action: 'add',
				message: renamed ? ('municipalities.added_registered_name' as const) : ('municipalities.added' as const),
				params: { name: added.name, number: parsed.data.nationalNumber }
			};
		} catch (e) {
			if (!(e instanceof MembershipError)) throw e;
			return fail(400, { action: 'add', values: fields, errors: fieldError('validFrom', membershipMessages[e.reason]) });
		}
	},
	end: async (event) => {
		const collaborationId = event.params.collaborationId;
		const user = requirePermission(event, 'collaboration.manage', { collaborationId });
		const fields = await postedFields(event.request);
		const id = fields.membershipId;
		const parsed = endSchema.safeParse(fields);
		if (!parsed.success) return fail(400, { action: 'end', id, values: fields, errors: fieldErrors(parsed.error) });
		try {
			if (!(await endMembership(db(), collaborationId, parsed.data.membershipId, parsed.data.validTo, user.id))) {
				return fail(404, { action: 'end', id, message: 'form.unknown_id' as const });
			}
		} catch (e) {
			if (!(e instanceof MembershipError)) throw e;
			return fail(400, { action: 'end', id, values: fields, errors: fieldError('validTo', membershipMessages[e.reason]) });
		}
		return { action: 'end', id, saved: 'municipalities.end_saved' as const };
	},
	population: async (event) => {
		const collaborationId = event.params.collaborationId;
		const user = requirePermission(event, 'collaboration.manage', { collaborationId });
		const fields = await postedFields(event.request);
		const id = fields.municipalityId;
		const parsed = populationSchema.safeParse(fields);
		if (!parsed.success) return fail(400, { action: 'population', id, values: fields, errors: fieldErrors(parsed.error) });
		const { municipalityId, year, population } = parsed.data;
		if (!(await setPopulation(db(), collaborationId, municipalityId, year, population, user.id))) {
			return fail(404, { action: 'population', id, message: 'municipalities.not_member' as const });
		}
		return { action: 'population', id, saved: 'municipalities.population_saved' as const };
	}
};
