import { error } from '@sveltejs/kit';
import { z } from 'zod';
import { abilitiesFor, filterOf } from '$lib/server/auth/access';
import { db } from '$lib/server/db';
import { roundTables, sheetName, sheets, toCsv, toXlsx } from '$lib/server/exports/round-export';
import { initiativesTable } from '$lib/server/initiatives/export';
import { listInitiatives } from '$lib/server/initiatives/initiatives';
import { showInitiatives } from '$lib/server/initiatives/view';
import { resultsContext } from '../context';
import type { RequestHandler } from './$types';

const query = z.object({
	format: z.enum(['xlsx', 'csv']).default('xlsx'),
	sheet: z.enum(sheets).default('scores')
});

/** A round's scores, answers and questionnaire as XLSX (three sheets) or one sheet as CSV. */
export const GET: RequestHandler = async (event) => {
	const { context, viewer, scope, user, collaboration } = await resultsContext(event);
	const parsed = query.safeParse(Object.fromEntries(event.url.searchParams));
	if (!parsed.success) error(400, 'format must be xlsx or csv, sheet one of municipalities, scores, answers, questionnaire, initiatives');
	if (!context) error(404);
	const locale = event.locals.locale;
	const collaborationId = collaboration.id;
	const tables = await roundTables(db(), {
		collaborationId,
		roundId: context.round.id,
		snapshotId: context.snapshot.id,
		scoreMunicipalities: viewer.namesVisible ? null : scope.municipalities,
		// answers only where the reader may open the municipality's own results
		answerMunicipalities: filterOf(abilitiesFor(user.grants, collaborationId).readsResults),
		locale
	});
	// The initiatives the reader shares, as the initiatives page shows them (issue 20).
	const shown = await showInitiatives(db(), collaborationId, user, await listInitiatives(db(), collaborationId, user), locale);
	tables.push(initiativesTable(shown, locale));
	const base = `moden-${collaboration.name}-${context.round.year}`.toLowerCase().replace(/[^a-z0-9æøåäö]+/g, '-');
	if (parsed.data.format === 'xlsx') {
		return new Response(new Uint8Array(await toXlsx(tables, locale)), {
			headers: {
				'content-type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
				'content-disposition': `attachment; filename*=UTF-8''${encodeURIComponent(`${base}.xlsx`)}`
			}
		});
	}
	const table = tables.find((t) => t.sheet === parsed.data.sheet)!;
	return new Response(toCsv(table, locale), {
		headers: {
			'content-type': 'text/csv; charset=utf-8',
			'content-disposition': `attachment; filename*=UTF-8''${encodeURIComponent(`${base}-${sheetName(locale, table.sheet).toLowerCase()}.csv`)}`
		}
	});
};
