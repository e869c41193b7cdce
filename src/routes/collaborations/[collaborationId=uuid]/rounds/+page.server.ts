import { fail, redirect } from '@sveltejs/kit';
import { z } from 'zod';
import { requireCoordination, requirePermission } from '$lib/server/auth/guard';
import { grantScopes } from '$lib/server/collaborations/people';
import { dayIn, timeZoneOf } from '$lib/server/calendar';
import { getCollaboration } from '$lib/server/collaborations/collaborations';
import { db } from '$lib/server/db';
import { fieldError, fieldErrors, msg, uuidField } from '$lib/server/forms';
import { suggestedRoundDates } from '$lib/server/assessments/round-dates';
import { listRounds, openRound, RoundError, versionChoices } from '$lib/server/assessments/rounds';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	const collaborationId = event.params.collaborationId;
	const { abilities } = requireCoordination(event, collaborationId, 'completion.only_admin_or_coordinator');
	const sql = db();
	const rounds = await listRounds(sql, collaborationId);
	if (!abilities.manage) return { rounds, manage: false as const };
	const zone = timeZoneOf((await getCollaboration(sql, collaborationId))!.country);
	// a new round opens today (or after the round still running) and runs six weeks, unless the admin says otherwise
	const dates = suggestedRoundDates(dayIn(zone, new Date()), rounds);
	return {
		rounds,
		manage: true as const,
		versions: await versionChoices(sql),
		scopes: await grantScopes(sql, collaborationId),
		today: dates.opensOn,
		closesByDefault: dates.closesOn,
		overlaps: dates.overlaps
	};
};

const dateField = z.iso.date(msg('rounds.date_invalid'));
const openSchema = z.object({
	year: z.coerce.number(msg('rounds.year_invalid')).int(msg('rounds.year_invalid')).min(2000, msg('rounds.year_invalid')).max(2200, msg('rounds.year_invalid')),
	questionnaireVersionId: uuidField,
	opensOn: dateField,
	closesOn: dateField,
	municipalityIds: z.array(uuidField).min(1, msg('rounds.pick_municipalities')),
	sectorIds: z.array(uuidField).min(1, msg('rounds.pick_sectors'))
});

export const actions: Actions = {
	open: async (event) => {
		const collaborationId = event.params.collaborationId;
		const user = requirePermission(event, 'collaboration.manage', { collaborationId });
		const form = await event.request.formData();
		const fields = {
			year: form.get('year'),
			questionnaireVersionId: form.get('questionnaireVersionId'),
			opensOn: form.get('opensOn'),
			closesOn: form.get('closesOn'),
			municipalityIds: form.getAll('municipalityIds'),
			sectorIds: form.getAll('sectorIds')
		};
		const values = JSON.parse(JSON.stringify(fields)) as Record<string, string | string[]>;
		const parsed = openSchema.safeParse(fields);
		if (!parsed.success) return fail(400, { action: 'open', values, errors: fieldErrors(parsed.error) });
		let roundId: string;
		try {
			roundId = await openRound(db(), collaborationId, parsed.data, user.id);
		} catch (e) {
			if (!(e instanceof RoundError)) throw e;
			return fail(400, { action: 'open', values, errors: fieldError(e.field, e.key) });
		}
		redirect(303, `/collaborations/${collaborationId}/rounds/${roundId}?opened=1`);
	}
};
