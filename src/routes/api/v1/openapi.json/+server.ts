import { json } from '@sveltejs/kit';
import { openApiDocument } from '$lib/server/api/openapi';
import type { RequestHandler } from './$types';

/** The read API's OpenAPI 3.1 document: public, it holds no data. */
export const GET: RequestHandler = ({ url }) => json(openApiDocument(url.origin));
