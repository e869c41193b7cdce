import { answer } from '$lib/server/api/respond';
import type { Resource } from '$lib/server/api/schemas';
import type { RequestHandler } from './$types';

/** One resource of the read API, for the token sent (docs/api.md). */
export const GET: RequestHandler = (event) => answer(event, event.params.resource as Resource);
