import type { Handle, ServerInit } from '@sveltejs/kit';
import { sequence } from '@sveltejs/kit/hooks';
import { openDatabase } from '$lib/server/db';
import { localeOf } from '$lib/server/locale';

/** The server accepts requests only once the database answers and is migrated. */
export const init: ServerInit = async () => {
	await openDatabase();
};

const handleLocale: Handle = async ({ event, resolve }) => {
	event.locals.locale = localeOf(event);
	return resolve(event, {
		transformPageChunk: ({ html }) => html.replace('%lang%', event.locals.locale)
	});
};

export const handle = sequence(handleLocale);
