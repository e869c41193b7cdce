import { requireUser } from '$lib/server/auth/guard';
import { personalData } from '$lib/server/auth/personal-data';
import { db } from '$lib/server/db';
import type { RequestHandler } from './$types';

/** Everything Moden holds about the signed-in person, as a JSON download. */
export const GET: RequestHandler = async (event) => {
	const user = requireUser(event);
	return new Response(JSON.stringify(await personalData(db(), user.id), null, 2), {
		headers: { 'content-type': 'application/json; charset=utf-8', 'content-disposition': 'attachment; filename="moden-my-data.json"' }
	});
};
