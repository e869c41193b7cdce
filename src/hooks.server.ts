import type { Handle, ServerInit } from '@sveltejs/kit';
import { sequence } from '@sveltejs/kit/hooks';
import { readConfig } from '$lib/server/config';
import { openDatabase } from '$lib/server/db';
import { localeOf } from '$lib/server/locale';
import { publishFromDirectory } from '$lib/server/questionnaires/publish';

/**
 * The server accepts requests only once the database answers, is migrated, and holds
 * every questionnaire version in questionnaires/ (a changed published version stops it).
 */
export const init: ServerInit = async () => {
	const config = readConfig();
	const sql = await openDatabase(config);
	await publishFromDirectory(sql, config.MODEN_QUESTIONNAIRES_DIR);
};

const handleLocale: Handle = async ({ event, resolve }) => {
	event.locals.locale = localeOf(event);
	return resolve(event, {
		transformPageChunk: ({ html }) => html.replace('%lang%', event.locals.locale)
	});
};

export const handle = sequence(handleLocale);
